/** Socket.io rooms. Display and ticket rooms only ever receive public payloads. */
export const CHANNELS = ['display', 'floor', 'counter', 'ticket'] as const;
export type Channel = (typeof CHANNELS)[number];

export const rooms = {
  display: (siteId: string) => `site:${siteId}:display`,
  floor: (siteId: string) => `site:${siteId}:floor`,
  counter: (siteId: string) => `site:${siteId}:counter`,
  /** Ticket pages: their own ticket's events and the site's queue counts. */
  queue: (siteId: string) => `site:${siteId}:queue`,
  ticket: (ticketId: string) => `ticket:${ticketId}`,
};

/** The socket.io adapter and emitter must agree on this key. */
export const socketKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;
