import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@skranke/domain';
import { Service, rowChanges } from '@skranke/persistence';
import { CreateServiceDto, UpdateServiceDto } from './service.dto';

export function serviceView(s: Service) {
  return {
    id: s.id,
    siteId: s.siteId,
    code: s.code,
    prefix: s.prefix,
    names: s.names,
    targetWaitMinutes: s.targetWaitMinutes,
    serviceLevelPercent: s.serviceLevelPercent,
    dailyCap: s.dailyCap,
    groupName: s.groupName,
    sortOrder: s.sortOrder,
    active: s.active,
    bookable: s.bookable,
    appointmentMinutes: s.appointmentMinutes,
    measuredAppointmentMinutes: s.measuredAppointmentMinutes,
    minNoticeMinutes: s.minNoticeMinutes,
    maxDaysAhead: s.maxDaysAhead,
    cancelCutoffMinutes: s.cancelCutoffMinutes,
    bookingShare: s.bookingShare,
  };
}

@Injectable()
export class ServicesService {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(Service);
  }

  async create(siteId: string, dto: CreateServiceDto) {
    const saved = await this.repo.save(this.repo.create({ ...dto, names: { ...dto.names }, siteId, dailyCap: dto.dailyCap ?? null, groupName: dto.groupName ?? null }));
    rowChanges.changed('service');
    return serviceView(saved);
  }

  async list(siteId: string) {
    return (await this.repo.find({ where: { siteId }, order: { sortOrder: 'ASC', code: 'ASC' } })).map(serviceView);
  }

  async update(siteId: string, serviceId: string, dto: UpdateServiceDto) {
    const service = await this.repo.findOneBy({ id: serviceId, siteId });
    if (!service) throw notFound('service_not_found', 'No service with that id at this site.');
    Object.assign(service, { ...dto, names: dto.names ? { ...dto.names } : service.names });
    const saved = await this.repo.save(service);
    // This process's caches drop it now; the others hear the trigger's notice.
    rowChanges.changed('service');
    return serviceView(saved);
  }

  /** Services are never deleted (tickets refer to them); they are made inactive. */
  async deactivate(siteId: string, serviceId: string) {
    return this.update(siteId, serviceId, { active: false });
  }
}
