import type { AccessLogMode, AccessRouteRule, LoggingConfig } from '../../config/logging.config.js';

interface Resolved {
  mode: AccessLogMode;
  rate: number;
}

/**
 * Which requests the access log writes, per route pattern and method (`logging.access`): the first
 * rule that matches a route decides, else the default mode. Resolved once per route and method, so
 * a request costs two map look-ups (and a random number when sampled).
 */
export class AccessLogPolicy {
  private readonly byRoute = new Map<string, Map<string, Resolved>>();

  constructor(
    private readonly access: LoggingConfig['access'],
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether the answer to `method route` with `status` gets an access line. */
  shouldLog(method: string, route: string, status: number): boolean {
    const { mode, rate } = this.resolve(method, route);
    switch (mode) {
      case 'all':
        return true;
      case 'off':
        return false;
      case 'errors-only':
        return status >= 400;
      case 'sampled':
        return status >= 400 || (rate > 0 && this.random() < rate);
    }
  }

  /** The mode and sampling rate of a route and method (resolved on first use). */
  resolve(method: string, route: string): Resolved {
    let methods = this.byRoute.get(route);
    if (methods === undefined) {
      methods = new Map();
      this.byRoute.set(route, methods);
    }
    let resolved = methods.get(method);
    if (resolved === undefined) {
      const rule = this.access.routes.find((r) => matches(r, method, route));
      resolved = {
        mode: rule?.mode ?? this.access.mode,
        rate: rule?.sampleRate ?? this.access.sampleRate,
      };
      methods.set(method, resolved);
    }
    return resolved;
  }
}

function matches(rule: AccessRouteRule, method: string, route: string): boolean {
  if (rule.method !== undefined && rule.method !== method) return false;
  return rule.route.endsWith('*')
    ? route.startsWith(rule.route.slice(0, -1))
    : rule.route === route;
}
