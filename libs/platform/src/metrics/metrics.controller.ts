import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Registry } from 'prom-client';
import { Public } from '@skranke/auth';
import { SKRANKE_CONFIG, SkrankeConfig } from '@skranke/config';
import { forbidden } from '@skranke/domain';
import { metricsAccess } from './metrics-access';
import { METRICS } from './registry';

/** Prometheus scrapes `/metrics`, outside the public `/api/v1`, from an allowed address or with the token. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  private readonly mayRead: ReturnType<typeof metricsAccess>;
  private readonly proxiesTrusted: boolean;

  constructor(
    @Inject(METRICS) private readonly registry: Registry,
    @Inject(SKRANKE_CONFIG) config: SkrankeConfig,
  ) {
    this.mayRead = metricsAccess(config.metrics);
    this.proxiesTrusted = config.trustProxy.length > 0;
  }

  @Public()
  @Get('metrics')
  async metrics(@Req() req: Request, @Res() res: Response) {
    // Forwarded by a proxy while none is trusted (no TRUST_PROXY): req.ip is that proxy, not the caller.
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    const ip = forwarded && !this.proxiesTrusted ? undefined : req.ip;
    if (!this.mayRead(ip, req.headers.authorization)) {
      throw forbidden(
        'metrics_forbidden',
        'Metrics are served to the addresses in METRICS_ALLOW, or with Authorization: Bearer <METRICS_TOKEN>.',
      );
    }
    res.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
