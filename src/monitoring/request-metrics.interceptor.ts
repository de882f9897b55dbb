import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service.js';

/** Status of an error the global filter will map (AppError / HttpException carry one); else 500. */
function statusOf(err: unknown): number {
  if (typeof err === 'object' && err !== null) {
    const e = err as { status?: unknown; getStatus?: unknown };
    if (typeof e.getStatus === 'function') {
      const s: unknown = (e.getStatus as () => unknown).call(err);
      if (typeof s === 'number') return s;
    }
    if (typeof e.status === 'number') return e.status;
  }
  return 500;
}

/** Counts every handled request and its latency, labelled by the route pattern (not the raw URL). */
@Injectable()
export class RequestMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const started = performance.now();
    const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
    const route = typeof routePath === 'string' ? routePath : 'unmatched';
    const done = (status: number): void =>
      this.metrics.observeRequest(req.method, route, status, (performance.now() - started) / 1000);
    return next
      .handle()
      .pipe(
        tap({ next: () => done(res.statusCode), error: (err: unknown) => done(statusOf(err)) }),
      );
  }
}
