export * from './address';
export * from './dispatcher';
export * from './payload';
export * from './sender';
export * from './signature';
export * from './wake.sink';
