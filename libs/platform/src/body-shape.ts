import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** No DTO nests deeper than a few levels; 32 leaves room and still keeps recursive code (validation, class-transformer) safe. */
export const MAX_BODY_DEPTH = 32;
/** Far above the largest real body (opening hours with a few years of exceptions); 64 kB of JSON can hold three times as many. */
export const MAX_BODY_VALUES = 10_000;

/**
 * Refuses a parsed body that is too deep or has too many values, before anything
 * recursive walks it. Iterative, so the check itself cannot run out of stack.
 */
export function refuseOversizedBodies(req: Request, _res: Response, next: NextFunction): void {
  const stack: [unknown, number][] = [[req.body, 0]];
  let values = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item;
    if (++values > MAX_BODY_VALUES) {
      return next(new BadRequestException({ code: 'too_many_values', message: `The body holds more than ${MAX_BODY_VALUES} values.` }));
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      return next(new BadRequestException({ code: 'too_deeply_nested', message: `The body nests deeper than ${MAX_BODY_DEPTH} levels.` }));
    }
    for (const v of Object.values(value)) stack.push([v, depth + 1]);
  }
  next();
}
