export * from './escpos-receipt';
export * from './print-ticket.processor';
export * from './printer-address';
export * from './tcp-printer';
