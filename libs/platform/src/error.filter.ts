import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@skranke/domain';
import { PG_ERRORS, STATUS_OF, databaseUnavailable, errorBody } from './error-body';
import { isConnectionError } from './redis-watch';

const HTTP_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
};

/** Seconds a client is asked to wait after a 503 (database or Redis unreachable): about a restart's length. */
const RETRY_AFTER_SECONDS = 5;

/** Every error leaves as {"error": {code, message}} with the right status; only real faults are 5xx. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse();
    const [status, body] = this.describe(exception);
    if (status === 503) {
      // An outage, not a bug: the client may try again shortly, and the log gets a line, not a stack.
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn(`${body.error.code}: ${(exception as Error)?.message}`);
    } else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // Every 429 says when to come back (a minute when the refusal does not know better).
    const retryAfter = exception instanceof DomainError ? exception.retryAfterSeconds : undefined;
    if (retryAfter !== undefined || status === 429) res.setHeader('Retry-After', String(retryAfter ?? 60));
    // Pages say "try again in N seconds" from the body (the header is hidden from other origins), so every 429 and 503 carries it.
    if ((status === 429 || status === 503) && body.error.details === undefined) {
      body.error.details = { retryAfterSeconds: status === 503 ? RETRY_AFTER_SECONDS : (retryAfter ?? 60) };
    }
    res.status(status).json(body);
  }

  private describe(e: unknown): [number, ReturnType<typeof errorBody>] {
    if (e instanceof DomainError) {
      // Also in the body: a page on another origin cannot read the header.
      const details = e.retryAfterSeconds === undefined ? e.details : { ...e.details, retryAfterSeconds: e.retryAfterSeconds };
      return [STATUS_OF[e.kind], errorBody(e.code, e.message, details)];
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const response = e.getResponse() as { message?: unknown; code?: string } | string;
      if (typeof response === 'object' && response.code) return [status, errorBody(response.code, String(response.message))];
      const messages = typeof response === 'string' ? [response] : ([] as unknown[]).concat(response.message ?? e.message);
      const code = status === 400 ? 'validation_failed' : (HTTP_CODES[status] ?? 'error');
      return [status, errorBody(code, messages.join('; '), status === 400 && messages.length > 1 ? messages : undefined)];
    }
    if (databaseUnavailable(e)) return [503, errorBody('database_unavailable', 'The database cannot be reached just now; try again shortly.')];
    if (isConnectionError(e)) return [503, errorBody('redis_unavailable', 'Redis cannot be reached just now; try again shortly.')];
    const err = e as { code?: string; type?: string; status?: number; message?: string };
    if (err?.code && PG_ERRORS[err.code]) {
      this.logger.warn(`database refused a value: ${err.code} ${err.message}`);
      const [status, code, message] = PG_ERRORS[err.code];
      return [status, errorBody(code, message)];
    }
    // body-parser: malformed JSON, too large, bad charset.
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      const code = err.type === 'entity.parse.failed' ? 'malformed_json' : (HTTP_CODES[err.status] ?? 'bad_request');
      return [err.status, errorBody(code, err.type === 'entity.parse.failed' ? 'The body is not valid JSON.' : (err.message ?? 'Bad request.'))];
    }
    return [500, errorBody('internal_error', 'Something went wrong on our side. It has been logged.')];
  }
}
