export * from './escpos-receipt';
export * from './print-ticket.processor';
export * from './tcp-printer';
