/** Nest tokens of the registry module. */
export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');
export const PROMOTION_NOTIFIER = Symbol('PROMOTION_NOTIFIER');
/** The registry's Redis connection, or null without `queue.redisUrl`. */
export const REGISTRY_REDIS = Symbol('REGISTRY_REDIS');
