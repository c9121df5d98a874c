import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, mergeMap } from 'rxjs';
import type { Request } from 'express';
import { AuditLog, runWithRequestTrail, type Actor } from '@skranke/core';
import { APP_NAME } from './tokens';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Route parameters that name what a request acts on, most specific first. */
const SUBJECTS: [string, string][] = [
  ['ticketId', 'ticket'],
  ['appointmentId', 'appointment'],
  ['deviceId', 'device'],
  ['userId', 'user'],
  ['counterId', 'counter'],
  ['serviceId', 'service'],
  ['alertId', 'alert'],
  ['siteId', 'site'],
];

/**
 * Every change a staff member makes reaches the audit log: the ticket and counter changes as events
 * in the site's log (read from there, with their actor), acts that write their own entry (logins,
 * user changes, closures) as those, and everything else (services, counters, devices, settings,
 * plans, bookings) as one entry here: the route, the fields sent (their names only, never values,
 * so no note or contact reaches the log), the subject and the client address.
 */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditLog,
    @Inject(APP_NAME) private readonly app: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor; siteId?: string }>();
    if (!CHANGES.has(req.method)) return next.handle();
    // The handler runs when subscribed: subscribing inside the trail's context lets its events and entries mark it.
    return new Observable((subscriber) =>
      runWithRequestTrail((trail) =>
        next
          .handle()
          .pipe(
            mergeMap(async (value) => {
              if (!trail.traced) await this.record(req, value);
              return value;
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }

  private async record(req: Request & { actor?: Actor; siteId?: string }, answer: unknown): Promise<void> {
    const actor = req.actor;
    // Staff only: devices change tickets (events) and nothing else; the public and citizens are not staff.
    if (actor?.kind !== 'user') return;
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const params = (req.params ?? {}) as Record<string, string>;
    let subject = SUBJECTS.find(([p]) => params[p]);
    let subjectId = subject ? params[subject[0]] : null;
    const created = req.method === 'POST' && answer && typeof answer === 'object' && typeof (answer as { id?: unknown }).id === 'string';
    if (created) {
      // POST …/services: the new thing, named by the route's last word.
      const word = route.split('/').filter((w) => w && !w.startsWith(':')).pop() ?? 'thing';
      subject = [word, word.replace(/s$/, '')];
      subjectId = (answer as { id: string }).id;
    }
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? Object.keys(req.body).sort() : [];
    await this.audit.record({
      action: `${req.method} ${route.replace(/^\/api\/v1/, '')}`,
      actor,
      subject: subject ? { type: subject[1], id: subjectId } : undefined,
      siteId: req.siteId ?? (isSiteParam(params.siteId) ? params.siteId : null),
      details: { app: this.app, fields: body, address: req.ip ?? null },
    });
  }
}

const isSiteParam = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);
