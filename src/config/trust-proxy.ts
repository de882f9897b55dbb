import { z } from 'zod';

/**
 * `server.trustProxy`: which peers may set the client address through `X-Forwarded-For`. `false`
 * (default): none, the client is the socket peer. A string: comma-separated addresses, CIDR ranges
 * or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`), e.g. the VPC range of an ALB;
 * the client is then the rightmost address in the header not in that set. `true` trusts every peer
 * (any client can then choose its address: only behind a proxy that overwrites the header).
 * From the environment, `true`/`false` are booleans and anything else a list.
 */
export const trustProxySchema = z
  .union([z.boolean(), z.string(), z.array(z.string().min(1)).min(1)])
  .default(false)
  .transform((v): boolean | string[] => {
    if (typeof v === 'boolean') return v;
    const list = (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
    if (list.length === 1 && ['true', 'false'].includes(list[0].toLowerCase()))
      return list[0].toLowerCase() === 'true';
    return list.length === 0 ? false : list;
  })
  .refine(
    (v) => typeof v === 'boolean' || v.every((s) => /^[0-9A-Za-z.:/]+$/.test(s)),
    'false, true, or addresses / CIDR ranges / loopback, linklocal, uniquelocal (comma-separated)',
  );
export type TrustProxy = z.output<typeof trustProxySchema>;
