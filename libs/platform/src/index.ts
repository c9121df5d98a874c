export * from './create-app';
export * from './error-body';
export * from './error.filter';
export * from './platform.module';
export * from './redis';
export * from './tokens';
export * from './validation';
export * from './idempotency-key';
