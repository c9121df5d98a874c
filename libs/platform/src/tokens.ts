export const APP_NAME = Symbol('APP_NAME');
