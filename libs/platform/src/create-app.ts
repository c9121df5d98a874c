import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES, type Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from 'nestjs-pino';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { refuseOversizedBodies } from './body-shape';
import { errorBody } from './error-body';
import { PublicRoutes, corsPolicy } from './cors';
import { ErrorFilter } from './error.filter';
import { measureHttpLatency } from './metrics/http-latency';
import { METRICS } from './metrics/registry';
import { RAW_SECURITY_HEADERS, docsPolicy, securityHeaders } from './security-headers';
import { validationPipe } from './validation';

export interface AppShape {
  title: string;
  description: string;
  /** Mounts the app's pages and static files before the API routes. */
  pages?: (app: NestExpressApplication) => void;
  /** Runs before init, e.g. to attach the socket.io Redis adapter. */
  beforeInit?: (app: NestExpressApplication) => void;
}

/** The app's OpenAPI document: served at /api/docs and the source of the pages' API types (tools/openapi.ts). */
export function openApiDocument(app: INestApplication, shape: Pick<AppShape, 'title' | 'description'>): OpenAPIObject {
  const doc = new DocumentBuilder().setTitle(shape.title).setDescription(shape.description).setVersion('1').addBearerAuth().build();
  return SwaggerModule.createDocument(app, doc);
}

/** Builds an app the same way in production, the demo and tests. */
export async function createApp(module: Type<unknown>, shape: AppShape): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  const config = app.get<SkrankeConfig>(SKRANKE_CONFIG);
  // First, so that every answer has them, the body parsers' refusals and 404s included.
  const publicRoutes = new PublicRoutes();
  app.use(securityHeaders(), corsPolicy(config.corsOrigins, publicRoutes));
  app.use('/api/docs', docsPolicy());
  app.use(measureHttpLatency(app.get(METRICS)));
  app.useBodyParser('json', { limit: '64kb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.use(refuseOversizedBodies);
  // Errors thrown by body parsing happen outside Nest's routing (which would turn broken JSON
  // into a generic 400 carrying the parser's message); map them here, right after the parsers.
  const filter = new ErrorFilter();
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    filter.catch(err, { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as never);
  });
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY: anyone else could pick their address.
  app.set('trust proxy', config.trustProxy.length ? config.trustProxy : false);
  app.disable('x-powered-by');
  // Prometheus scrapes /metrics beside the public API, not in it (see MetricsController).
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  shape.pages?.(app);
  shape.beforeInit?.(app);
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, shape));
  await app.init();
  publicRoutes.load(app, 'api/v1');
  // Requests Node refuses before Express sees them (headers or URL over 16 kB, broken HTTP) still get the error body.
  app.getHttpServer().on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large', 'The request line or headers are too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request_timeout', 'The request took too long to arrive.']
      : [400, 'bad_request', 'The request is not valid HTTP.'];
    const body = JSON.stringify(errorBody(code, message));
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n${RAW_SECURITY_HEADERS}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  // An idle keep-alive connection outlives the clients' and proxies' own idle limits (Node's fetch 4 s, load
  // balancers commonly 60 s), so the server never closes one just as a client sends on it ("other side closed").
  const server = app.getHttpServer() as HttpServer;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return app;
}
