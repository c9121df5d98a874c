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
  /** Every socket of a user, a device, or one staff token: what revocation closes (SocketEviction). */
  actor: (kind: 'user' | 'device', id: string) => `actor:${kind}:${id}`,
  token: (tokenId: string) => `token:${tokenId}`,
};

/** The socket.io adapter and emitter must agree on this key. */
export const socketKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;
