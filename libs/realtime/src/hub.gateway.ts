import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { TokenResolver, mayAct } from '@skranke/auth';
import { Actor, DisplayStateService } from '@skranke/core';
import { Role, isUuid } from '@skranke/domain';
import { siteEventHead } from '@skranke/persistence';
import { Ack, SubscribeRequest, SyncRequest } from './event-catalogue';
import { CHANNELS, rooms } from './rooms';

const CHANNEL_ROLES: Record<'display' | 'floor' | 'counter', { roles: Role[]; devices: ('display' | 'kiosk')[] }> = {
  display: { roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['display'] },
  floor: { roles: ['floor', 'supervisor'], devices: [] },
  counter: { roles: ['counter', 'supervisor', 'floor'], devices: [] },
};

interface SocketData {
  actor: Actor | null;
  /** Sites this socket may sync (it subscribed to a site-wide channel there). */
  sites: Set<string>;
  /**
   * Sites where it subscribed to a staff channel (floor, counter). Its `sync` answers as its rooms
   * carry events live: the log as written there, the public payloads everywhere else.
   */
  staffSites: Set<string>;
}

const fail = (code: string, message: string): Ack<never> => ({ ok: false, error: { code, message } });

/**
 * The realtime hub. The token comes in the handshake (`auth: {token}`); citizens
 * come without one and may only follow their own ticket by its tracking token.
 */
@WebSocketGateway({ path: '/socket.io', cors: { origin: true }, transports: ['websocket'], serveClient: false })
export class HubGateway implements OnGatewayConnection {
  private readonly logger = new Logger('HubGateway');
  /** Messages can arrive before handleConnection has resolved the token; handlers wait for it. */
  private readonly ready = new WeakMap<Socket, Promise<unknown>>();

  constructor(
    private readonly tokens: TokenResolver,
    private readonly displayState: DisplayStateService,
    private readonly dataSource: DataSource,
  ) {}

  async handleConnection(socket: Socket) {
    const token = socket.handshake.auth?.token;
    const resolving = token ? this.tokens.resolve(String(token)) : Promise.resolve(null);
    this.ready.set(socket, resolving.catch(() => null));
    const actor = await resolving;
    if (token && !actor) {
      socket.emit('error', { code: 'unauthenticated', message: 'The token is not valid.' });
      socket.disconnect(true);
      return;
    }
    socket.data = { actor, sites: new Set<string>(), staffSites: new Set<string>() } satisfies SocketData;
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() req: SubscribeRequest): Promise<Ack<{ seq: number; ticketId?: string }>> {
    await this.ready.get(socket);
    const data = socket.data as SocketData;
    if (!req || typeof req !== 'object' || !isUuid(req.siteId)) {
      return fail('invalid_request', 'subscribe needs {siteId, channel}.');
    }
    if (!CHANNELS.includes(req.channel)) return fail('invalid_channel', `channel must be one of ${CHANNELS.join(', ')}.`);
    const seq = await siteEventHead(this.dataSource, req.siteId);
    if (seq === null) return fail('site_not_found', 'No site with that id.');
    if (req.channel === 'ticket') {
      if (typeof req.trackingToken !== 'string' || req.trackingToken.length > 100) return fail('invalid_request', 'trackingToken is required.');
      const [ticket] = await this.dataSource.query('SELECT id FROM ticket WHERE tracking_token = $1 AND site_id = $2', [req.trackingToken, req.siteId]);
      if (!ticket) return fail('ticket_not_found', 'No ticket with that tracking token.');
      await socket.join([rooms.ticket(ticket.id), rooms.queue(req.siteId)]);
      return { ok: true, data: { seq, ticketId: ticket.id } };
    }
    if (!data.actor || !mayAct(data.actor, req.siteId, { site: 'siteId', ...CHANNEL_ROLES[req.channel] })) {
      return fail('forbidden', `This token may not see the ${req.channel} channel of that site.`);
    }
    await socket.join(rooms[req.channel](req.siteId));
    data.sites.add(req.siteId);
    if (req.channel !== 'display') data.staffSites.add(req.siteId);
    return { ok: true, data: { seq } };
  }

  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: Socket, @MessageBody() req: SyncRequest): Promise<Ack<unknown>> {
    await this.ready.get(socket);
    const data = socket.data as SocketData;
    if (!req || typeof req.siteId !== 'string' || !data.sites.has(req.siteId)) {
      return fail('not_subscribed', 'Subscribe to a channel of the site before syncing.');
    }
    try {
      return { ok: true, data: await this.displayState.sync(req.siteId, Number(req.sinceSeq), data.staffSites.has(req.siteId) ? 'staff' : 'public') };
    } catch (e) {
      this.logger.error(e);
      return fail('sync_failed', 'Could not sync; try again.');
    }
  }
}
