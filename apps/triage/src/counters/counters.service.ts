import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { mayAct } from '@skranke/auth';
import { Actor, counterView } from '@skranke/core';
import { conflict, forbidden, invalid, notFound } from '@skranke/domain';
import { Counter, Service } from '@skranke/persistence';
import { CreateCounterDto, UpdateCounterDto } from './counter.dto';

async function checkServices(tx: EntityManager, siteId: string, serviceIds: string[]) {
  if (new Set(serviceIds).size !== serviceIds.length) throw invalid('duplicate_service', 'A service appears twice in serviceIds.');
  const found = await tx.getRepository(Service).countBy(serviceIds.map((id) => ({ id, siteId })));
  if (found !== serviceIds.length) throw invalid('service_not_found', 'Every serviceId must be a service of this site.');
}

/** Only an assisted self-service station has several seats; a counter or desk has one. */
function seatsFor(kind: string, seats: number | undefined): number {
  if (kind !== 'assisted-self-service' && (seats ?? 1) > 1) throw invalid('seats_not_allowed', 'Only assisted self-service stations have several seats.');
  return seats ?? 1;
}

@Injectable()
export class CountersService {
  constructor(private readonly dataSource: DataSource) {}

  async create(siteId: string, dto: CreateCounterDto) {
    return this.dataSource.transaction(async (tx) => {
      await checkServices(tx, siteId, dto.serviceIds);
      const repo = tx.getRepository(Counter);
      return counterView(await repo.save(repo.create({ siteId, name: dto.name, kind: dto.kind, seats: seatsFor(dto.kind, dto.seats), serviceIds: dto.serviceIds })));
    });
  }

  async list(siteId: string) {
    return (await this.dataSource.getRepository(Counter).find({ where: { siteId, active: true }, order: { name: 'ASC' } })).map(counterView);
  }

  /** A supervisor may change the service profile (the dashboard's control); name, kind and seats are the admin's. */
  async update(siteId: string, counterId: string, dto: UpdateCounterDto, actor: Actor) {
    if (!mayAct(actor, siteId, { site: 'siteId', roles: ['admin'] }) && (['name', 'kind', 'seats'] as const).some((k) => dto[k] !== undefined)) {
      throw forbidden('counter_admin_only', "A supervisor may change a counter's service profile only; name, kind and seats are for an admin.");
    }
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Counter);
      const counter = await repo.findOne({ where: { id: counterId, siteId, active: true }, lock: { mode: 'pessimistic_write' } });
      if (!counter) throw notFound('counter_not_found', 'No counter with that id at this site.');
      if (dto.serviceIds) await checkServices(tx, siteId, dto.serviceIds);
      // The create's rule on the result: a station made a desk must be given one seat.
      Object.assign(counter, dto, { seats: seatsFor(dto.kind ?? counter.kind, dto.seats ?? counter.seats) });
      return counterView(await repo.save(counter));
    });
  }

  async deactivate(siteId: string, counterId: string) {
    const counter = await this.dataSource.getRepository(Counter).findOneBy({ id: counterId, siteId, active: true });
    if (!counter) throw notFound('counter_not_found', 'No counter with that id at this site.');
    if (counter.state !== 'closed') throw conflict('counter_not_closed', 'Close the counter before removing it.');
    await this.dataSource.getRepository(Counter).update(counter.id, { active: false });
    return { ...counterView(counter), active: false };
  }
}
