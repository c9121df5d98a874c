import { HttpStatus } from '@nestjs/common';
import type { DomainErrorKind } from '@skranke/domain';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  'rate-limit': HttpStatus.TOO_MANY_REQUESTS,
};

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** PostgreSQL errors that bad input can still provoke, mapped to a client error rather than a 500. */
export const PG_ERRORS: Record<string, [number, string, string]> = {
  '22P02': [400, 'invalid_value', 'A value has the wrong format.'],
  '22001': [400, 'value_too_long', 'A value is too long.'],
  '22021': [400, 'invalid_value', 'A value contains a character that cannot be stored (e.g. NUL).'],
  // jsonb's refusal of \u0000 (a NUL inside a JSON value, e.g. a site's settings).
  '22P05': [400, 'invalid_value', 'A value contains a character that cannot be stored (e.g. NUL).'],
  '22003': [400, 'number_out_of_range', 'A number is out of range.'],
  '22007': [400, 'invalid_datetime', 'A date or time is invalid.'],
  '22008': [400, 'invalid_datetime', 'A date or time is out of range.'],
  '23502': [400, 'missing_value', 'A required value is missing.'],
  '23514': [400, 'constraint_violated', 'A value breaks a rule of the data model.'],
  '23505': [409, 'already_exists', 'Something with the same unique value already exists.'],
  '23503': [409, 'reference_conflict', 'It refers to something that does not exist, or is still referred to.'],
  '40001': [409, 'concurrent_change', 'Someone else changed this at the same moment; try again.'],
  '40P01': [409, 'concurrent_change', 'Someone else changed this at the same moment; try again.'],
};

/** Codes of a PostgreSQL that cannot be reached or is going away: class 08 (connection), shutting down, starting, full. */
const PG_UNAVAILABLE = /^(08...|57P01|57P02|57P03|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/;
/** What pg and its pool say, without a code, of a connection that broke or never came. */
const PG_UNAVAILABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;

/** True for an error of a database that is down, restarting or refusing connections (TypeORM wraps query errors: see driverError). */
export function databaseUnavailable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  if (typeof err.code === 'string' && PG_UNAVAILABLE.test(err.code)) return true;
  if (typeof err.message === 'string' && PG_UNAVAILABLE_MESSAGE.test(err.message)) return true;
  return err.driverError !== undefined && err.driverError !== e && databaseUnavailable(err.driverError);
}
