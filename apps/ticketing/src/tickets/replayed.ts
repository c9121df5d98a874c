import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** A request that made a ticket is 201; one whose Idempotency-Key replays an earlier ticket is 200 and says so. */
export function answerIssued(res: Response, replayed: boolean): void {
  res.status(replayed ? HttpStatus.OK : HttpStatus.CREATED);
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
}
