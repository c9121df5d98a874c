import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { APP_NAME } from './tokens';
import { REDIS } from './redis';
import { readScheduleState } from './schedule-state';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_NAME) private readonly app: string,
    @Inject(SKRANKE_CONFIG) private readonly config: SkrankeConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'State of PostgreSQL and Redis as this app sees them (503 when one is down), and of the job schedule in Redis: when a worker last had to rebuild it from the database',
  })
  async health(@Res() res: Response) {
    let schedule: Awaited<ReturnType<typeof readScheduleState>> | 'unknown' = 'unknown';
    const [postgres, redis] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1')),
      withTimeout(readScheduleState(this.redis, this.config.redisPrefix).then((s) => (schedule = s))),
    ]);
    const ok = postgres && redis;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'degraded',
      app: this.app,
      postgres: postgres ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      schedule,
    });
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (200). Restart it when this times out.' })
  live() {
    return { status: 'ok', app: this.app };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 only when PostgreSQL and Redis answer and no migration is pending; 503 otherwise (send it no traffic)' })
  async ready(@Res() res: Response) {
    const [postgres, redis, migrated] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1')),
      withTimeout(this.redis.ping()),
      // Pending while another instance migrates under the lock, or when this code is newer than the schema.
      withTimeout(
        this.dataSource.showMigrations().then((pending) => {
          if (pending) throw new Error('migrations pending');
        }),
      ),
    ]);
    const ok = postgres && redis && migrated;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ready' : 'not-ready',
      app: this.app,
      postgres: postgres ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      migrations: !postgres ? 'unknown' : migrated ? 'current' : 'pending',
    });
  }
}

async function withTimeout(p: Promise<unknown>, ms = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
