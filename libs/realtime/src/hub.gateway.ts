import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Gauge, Registry } from 'prom-client';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { TokenResolver, mayAct } from '@skranke/auth';
import { Actor, DisplayStateService } from '@skranke/core';
import { Role, isUuid } from '@skranke/domain';
import { siteEventHead } from '@skranke/persistence';
import { METRICS } from '@skranke/platform';
import { Ack, SubscribeRequest, SyncRequest } from './event-catalogue';
import { CHANNELS, rooms } from './rooms';

const CHANNEL_ROLES: Record<'display' | 'floor' | 'counter', { roles: Role[]; devices: ('display' | 'kiosk')[] }> = {
  display: { roles: ['admin', 'supervisor', 'floor', 'counter'], devices: ['display'] },
  floor: { roles: ['floor', 'supervisor'], devices: [] },
  counter: { roles: ['counter', 'supervisor', 'floor'], devices: [] },
};

interface SocketData {
  /** The handshake token, checked again on every subscribe and sync (cheap: cached, and cleared by change notices). */
  token: string | null;
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
@WebSocketGateway({ path: '/socket.io', transports: ['websocket'], serveClient: false }) // origins: see RedisIoAdapter
export class HubGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('HubGateway');
  /** Messages can arrive before handleConnection has resolved the token; handlers wait for it. */
  private readonly ready = new WeakMap<Socket, Promise<unknown>>();
  /** Open connections: every connection ends in a disconnect, refused ones too. */
  private readonly connections: Gauge;

  constructor(
    private readonly tokens: TokenResolver,
    private readonly displayState: DisplayStateService,
    private readonly dataSource: DataSource,
    @Inject(METRICS) registry: Registry,
  ) {
    this.connections = new Gauge({ name: 'skranke_socket_connections', help: 'Open socket.io connections to this hub', registers: [registry] });
  }

  handleDisconnect() {
    this.connections.dec();
  }

  async handleConnection(socket: Socket) {
    this.connections.inc();
    const token = socket.handshake.auth?.token ? String(socket.handshake.auth.token) : null;
    const connecting = this.connect(socket, token);
    this.ready.set(socket, connecting.catch(() => undefined));
    await connecting;
  }

  /** Resolves the token and joins the rooms a revocation closes: the user's or device's, and the token's. */
  private async connect(socket: Socket, token: string | null): Promise<void> {
    const actor = token ? await this.tokens.resolve(token) : null;
    if (token && !actor) return this.refuse(socket);
    socket.data = { token, sites: new Set<string>(), staffSites: new Set<string>() } satisfies SocketData;
    if (actor?.kind === 'device') await socket.join(rooms.actor('device', actor.deviceId));
    if (actor?.kind === 'user') {
      const staff = await this.tokens.staffToken(token);
      await socket.join([rooms.actor('user', actor.userId), ...(staff ? [rooms.token(staff.tokenId)] : [])]);
    }
  }

  private refuse(socket: Socket): void {
    socket.emit('error', { code: 'unauthenticated', message: 'The token is not valid.' });
    socket.disconnect(true);
  }

  /**
   * The socket's actor now: a token ended, a user deactivated or a device
   * revoked since the handshake gets nothing more (and the socket is closed).
   */
  private async currentActor(socket: Socket): Promise<Actor | null | 'ended'> {
    const data = socket.data as SocketData | undefined;
    if (!data?.token) return null;
    const actor = await this.tokens.resolve(data.token);
    if (actor) return actor;
    // No more events from now; the socket closes once the refusal has been answered.
    for (const room of socket.rooms) if (room !== socket.id) void socket.leave(room);
    data.sites.clear();
    data.staffSites.clear();
    setImmediate(() => this.refuse(socket));
    return 'ended';
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() req: SubscribeRequest): Promise<Ack<{ seq: number; ticketId?: string }>> {
    await this.ready.get(socket);
    const data = socket.data as SocketData;
    const actor = await this.currentActor(socket);
    if (actor === 'ended') return fail('unauthenticated', 'The token is no longer valid.');
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
    if (!actor || !mayAct(actor, req.siteId, { site: 'siteId', ...CHANNEL_ROLES[req.channel] })) {
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
    if ((await this.currentActor(socket)) === 'ended') return fail('unauthenticated', 'The token is no longer valid.');
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
