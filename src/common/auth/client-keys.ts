import { createHash } from 'node:crypto';
import type { AuthConfig, ClientRole } from '../../config/auth.config.js';
import { apiKeysEqual } from './api-key.compare.js';

/** Who a request comes from, when it presented a configured key. */
export interface ClientIdentity {
  /** The key's configured name; `admin` for `auth.adminApiKey`. */
  name: string;
  role: ClientRole;
  /** Its own rate budget per window, when configured. */
  rateLimit: number | undefined;
  /** A named key of `auth.clientApiKeys`, or the single `auth.adminApiKey`. */
  source: 'client-key' | 'admin-key';
}

/** Name under which the single `auth.adminApiKey` is known (logs, rate budget). */
export const ADMIN_KEY_NAME = 'admin';

/** SHA-256 of a key as 64 hex digits: what `auth.clientApiKeys[].sha256` holds. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The configured keys: client keys by the hash of the key (a presented key is hashed once and looked
 * up; keys are long random strings, so their SHA-256 is as good as a slow hash), and the admin key.
 */
export class ClientKeyRing {
  private readonly byHash: ReadonlyMap<string, ClientIdentity>;

  constructor(private readonly auth: AuthConfig) {
    this.byHash = new Map(
      auth.clientApiKeys.map((k) => [
        k.sha256,
        { name: k.name, role: k.role, rateLimit: k.rateLimit, source: 'client-key' },
      ]),
    );
  }

  /** Whether client keys are configured: then every route but the exempt ones needs a key. */
  get required(): boolean {
    return this.byHash.size > 0;
  }

  /** The identity of a presented key; null when none was sent or it is not configured. */
  resolve(presented: string | undefined): ClientIdentity | null {
    if (presented === undefined || presented === '') return null;
    const client = this.byHash.get(hashApiKey(presented));
    if (client !== undefined) return client;
    const admin = this.auth.adminApiKey;
    if (admin !== '' && apiKeysEqual(presented, admin))
      return { name: ADMIN_KEY_NAME, role: 'admin', rateLimit: undefined, source: 'admin-key' };
    return null;
  }
}

const rings = new WeakMap<AuthConfig, ClientKeyRing>();

/** The key ring of an auth config (built once per config object). */
export function clientKeyRing(auth: AuthConfig): ClientKeyRing {
  let ring = rings.get(auth);
  if (ring === undefined) {
    ring = new ClientKeyRing(auth);
    rings.set(auth, ring);
  }
  return ring;
}
