import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '@skranke/core';
import { DomainError, forbidden } from '@skranke/domain';
import { rowChanges } from '@skranke/persistence';
import { SocketEviction } from './socket-eviction';
import { TokenResolver } from './token-resolver.service';

/** Ends staff tokens before they expire. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenResolver,
    private readonly eviction: SocketEviction,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Logout: ends this one token (the user's other tokens keep working) on
   * every instance at once, through the ended_token notice, and closes its sockets.
   */
  async logout(token: string | null): Promise<void> {
    const actor = await this.tokens.resolve(token);
    if (!actor) throw new DomainError('unauthenticated', 'unauthenticated', 'Send a valid token as "Authorization: Bearer <token>".');
    const staff = await this.tokens.staffToken(token);
    if (!staff) throw forbidden('forbidden', 'Only a staff token can log out; an administrator revokes a device.');
    // Rows are needed only until their token would have expired anyway: each logout clears the expired ones.
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `WITH expired AS (DELETE FROM ended_token WHERE expires_at < now())
         INSERT INTO ended_token (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`,
        [staff.tokenId, staff.userId, staff.expiresAt],
      );
      // A single sign-on's token: its session ends too, so its refresh token gives no new one.
      if (staff.sessionId) await tx.query('DELETE FROM sso_session WHERE id = $1', [staff.sessionId]);
      await this.audit.record({ action: 'auth.logout', actor, subject: { type: 'user', id: staff.userId } }, tx);
    });
    rowChanges.changed('ended_token');
    await this.eviction.disconnect({ kind: 'token', id: staff.tokenId });
  }
}
