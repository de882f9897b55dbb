// The image's HEALTHCHECK (`node dist/src/container/healthcheck.js`; the slim image has no curl): GETs the
// URL the entry recorded (the API's or a worker's /health/ready, SageMaker's /ping) and exits 0 on a
// 200, 1 otherwise. `none` (a worker without FRESHCAST_WORKER_PORT, or with 0) passes: the process is
// the check.
import { readFileSync } from 'node:fs';
import { apiHealthUrl, healthFilePath } from './container-launch.js';

function recordedUrl(): string {
  try {
    return readFileSync(healthFilePath(process.env), 'utf8').trim();
  } catch {
    return apiHealthUrl(process.env);
  }
}

const url = recordedUrl();
if (url === 'none') process.exit(0);
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (res.status !== 200) process.stderr.write(`${url}: ${res.status} ${await res.text()}\n`);
  process.exit(res.status === 200 ? 0 : 1);
} catch (err) {
  process.stderr.write(`${url}: ${(err as Error).message}\n`);
  process.exit(1);
}
