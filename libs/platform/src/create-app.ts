import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { ErrorFilter } from './error.filter';
import { validationPipe } from './validation';

export interface AppShape {
  title: string;
  description: string;
  /** Mounts the app's pages and static files before the API routes. */
  pages?: (app: NestExpressApplication) => void;
  /** Runs before init, e.g. to attach the socket.io Redis adapter. */
  beforeInit?: (app: NestExpressApplication) => void;
}

/** Builds an app the same way in production, the demo and tests. */
export async function createApp(module: Type<unknown>, shape: AppShape): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '64kb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.enableCors({ origin: true, credentials: false });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  shape.pages?.(app);
  shape.beforeInit?.(app);
  const doc = new DocumentBuilder().setTitle(shape.title).setDescription(shape.description).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));
  await app.init();
  // Errors thrown by body parsing happen outside Nest's routing; map them like any other.
  const filter = new ErrorFilter();
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    filter.catch(err, { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as never);
  });
  return app;
}
