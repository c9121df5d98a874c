import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';

/**
 * Times every HTTP request, labelled by the route template that answered it
 * (`/api/v1/tickets/:id/recall`, never the raw URL, so the series stay few) and
 * the status class. Requests no route answered (pages, static files, 404s) are `other`.
 */
export function measureHttpLatency(registry: Registry) {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const end = histogram.startTimer();
    res.once('finish', () => {
      // Express sets req.route on the request once a route matched.
      const route = req.route ? req.baseUrl + String(req.route.path) : 'other';
      end({ method: req.method, route, status_class: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };
}
