export * from './channel';
export * from './channels';
export * from './dispatcher';
export * from './renderer';
export * from './sms-reports';
export * from './delivery-log.service';
