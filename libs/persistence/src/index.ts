export * from './data-source';
export * from './entities';
export * from './snake-naming.strategy';
export * from './hydrate';
export * from './row-changes';
export * from './prepared';
export * from './site-event-head';
