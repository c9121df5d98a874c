export * from './api';
export * from './dom';
export * from './i18n';
export * from './realtime';
export * from './session';
export * from './login-refusal';
export * from './format';
export * from './typed-api';
