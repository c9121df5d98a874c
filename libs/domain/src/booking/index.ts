export * from './holidays';
export * from './counter-plan';
export * from './capacity';
export * from './booking-share';
export * from './booking-rules';
export * from './free-slots';
