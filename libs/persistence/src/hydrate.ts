import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Turns a raw `RETURNING *` row into an entity, converting each column as TypeORM would on a load. */
export function hydrate<T extends ObjectLiteral>(db: EntityManager, target: EntityTarget<T>, raw: Record<string, unknown>): T {
  const meta = db.connection.getMetadata(target);
  const entity = meta.create() as T;
  for (const column of meta.columns) {
    if (column.databaseName in raw) column.setEntityValue(entity, db.connection.driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return entity;
}

/** An entity's columns by database name, as TypeORM would write them (for a row built in SQL from JSON). */
export function columnValues<T extends ObjectLiteral>(db: EntityManager, target: EntityTarget<T>, entity: T): Record<string, unknown> {
  const meta = db.connection.getMetadata(target);
  return Object.fromEntries(
    meta.columns
      .filter((c) => c.getEntityValue(entity) !== undefined)
      .map((c) => [c.databaseName, db.connection.driver.preparePersistentValue(c.getEntityValue(entity), c)]),
  );
}
