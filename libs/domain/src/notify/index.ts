export * from './gsm7';
export * from './contact';
export * from './templates';
export * from './notification-settings';
export * from './turn-near';
