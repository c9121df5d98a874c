import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import Redis from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AccessGuard, LoginService, OidcService, SessionsService, SsoReconciliation, SsoSignInService, TokenResolver, ensureBootstrapAdmin } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig, loadConfig } from '@skranke/config';
import { AuditLog, Clock, SystemClock } from '@skranke/core';
import { AuditTrailInterceptor } from './audit-trail.interceptor';
import { createDataSource, rowChanges, runMigrations } from '@skranke/persistence';
import { accessLogOptions } from './access-log';
import { ErrorFilter } from './error.filter';
import { HealthController } from './health.controller';
import { LoginController } from './login.controller';
import { LoginLimiter } from './login-limiter';
import { MetricsController } from './metrics/metrics.controller';
import { QueueStateMetrics } from './metrics/queue-state.metrics';
import { METRICS, createMetricsRegistry } from './metrics/registry';
import { REDIS, createRedis } from './redis';
import { SsoController } from './sso/sso.controller';
import { SsoHandoff } from './sso/sso-handoff';
import { APP_NAME } from './tokens';

export interface PlatformOptions {
  app: 'ticketing' | 'triage' | 'counter-display';
  /** Environment to read instead of the process environment (tests). */
  env?: Record<string, string | undefined>;
  runWorkersByDefault?: boolean;
  clock?: Clock;
}

class Closer implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => undefined);
    await rowChanges.stop(this.config.databaseUrl);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** What every app needs: config, database, Redis, clock, auth, errors, logs, health and login. */
@Global()
@Module({})
export class PlatformModule {
  static forApp(options: PlatformOptions): DynamicModule {
    const config = loadConfig(options.env, { runWorkers: options.runWorkersByDefault });
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule, // the @Public routes, for CORS (cors.ts)
        JwtModule.register({}),
        LoggerModule.forRoot({
          // Every route, in Nest 11's path syntax (nestjs-pino's default '*' warns at each start).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: accessLogOptions(options.app, config.logLevel),
        }),
      ],
      controllers: [HealthController, LoginController, SsoController, MetricsController],
      providers: [
        { provide: SKRANKE_CONFIG, useValue: config },
        { provide: APP_NAME, useValue: options.app },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = createDataSource(config.databaseUrl, { name: `skranke-${options.app}` });
            await ds.initialize();
            if (config.migrateOnBoot) await runMigrations(ds);
            await ensureBootstrapAdmin(ds, config.bootstrapAdmin);
            // After migrating: the notices' triggers exist now. Caches read through until it listens.
            await rowChanges.start(config.databaseUrl);
            return ds;
          },
        },
        { provide: REDIS, useFactory: () => createRedis(config.redisUrl, `skranke-${options.app}`) },
        { provide: METRICS, useFactory: () => createMetricsRegistry(options.app) },
        QueueStateMetrics,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditTrailInterceptor },
        TokenResolver,
        LoginService,
        AuditLog,
        LoginLimiter,
        SessionsService,
        SsoSignInService,
        OidcService,
        SsoReconciliation,
        SsoHandoff,
        Closer,
      ],
      exports: [SKRANKE_CONFIG, APP_NAME, METRICS, Clock, DataSource, REDIS, TokenResolver, LoginService, AuditLog, LoginLimiter, SessionsService, SsoSignInService, OidcService, SsoReconciliation, SsoHandoff],
    };
  }
}

