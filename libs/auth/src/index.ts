export * from './access.decorator';
export * from './access.guard';
export * from './bootstrap-admin';
export * from './device-tokens';
export * from './login.service';
export * from './passwords';
export * from './token-resolver.service';
