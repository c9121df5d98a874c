import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EMPTY_COUNTER_PLAN, invalid, isCalendarDate, notFound, validateCounterPlan } from '@skranke/domain';
import { Counter, CounterPlanRow, Service, Site } from '@skranke/persistence';
import type { BookingShareDto } from './booking-config.dto';

@Injectable()
export class BookingConfigService {
  constructor(private readonly dataSource: DataSource) {}

  async plan(siteId: string) {
    await this.site(siteId);
    return (await this.dataSource.getRepository(CounterPlanRow).findOneBy({ siteId }))?.plan ?? EMPTY_COUNTER_PLAN;
  }

  async savePlan(siteId: string, body: unknown) {
    await this.site(siteId);
    const counters = await this.dataSource.getRepository(Counter).findBy({ siteId });
    const plan = validateCounterPlan(body, new Set(counters.map((c) => c.id)));
    await this.dataSource.getRepository(CounterPlanRow).upsert({ siteId, plan, updatedAt: new Date() }, ['siteId']);
    return plan;
  }

  async setShare(siteId: string, serviceId: string, dto: BookingShareDto) {
    const service = await this.dataSource.getRepository(Service).findOneBy({ id: serviceId, siteId });
    if (!service) throw notFound('service_not_found', 'No service with that id at this site.');
    if (dto.date === undefined) {
      await this.dataSource.getRepository(Service).update(serviceId, { bookingShare: dto.share });
      return { share: dto.share };
    }
    if (!isCalendarDate(dto.date)) throw invalid('invalid_date', 'date must be a real date.');
    await this.dataSource.query(
      `INSERT INTO appointment_day (service_id, date, share) VALUES ($1, $2, $3)
       ON CONFLICT (service_id, date) DO UPDATE SET share = EXCLUDED.share`,
      [serviceId, dto.date, dto.share],
    );
    return { share: dto.share, date: dto.date };
  }

  private async site(siteId: string) {
    const site = await this.dataSource.getRepository(Site).findOneBy({ id: siteId });
    if (!site) throw notFound('site_not_found', 'No site with that id.');
    return site;
  }
}
