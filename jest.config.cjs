// Four tiers, each a jest project (`npm run test:unit|test:model|test:integration|test:e2e`; `npm test` runs
// them all). See "Tests" in README.md for what each tier may use and how long it takes.
//
// ESM-only packages that jest must transform to CommonJS.
const esmOnly = [
  '@nestjs', 'arquero', '@uwdata', 'file-type', 'strtok3', 'token-types', '@tokenizer',
  'uint8array-extras', '@borewit', 'load-esm', 'uid', 'chinese-days', 'content-disposition',
];
const shared = {
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Also when nested (`@fastify/static/node_modules/content-disposition`).
  transformIgnorePatterns: [
    `/node_modules/(?!(${esmOnly.join('|')})/)(?!.*/node_modules/(${esmOnly.join('|')})/)`,
  ],
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
};
/** Tiers that talk to Redis: Redis at 127.0.0.1:6379, or a redis-server of the run's own. */
const withRedis = {
  globalSetup: '<rootDir>/test/tiers/redis.global-setup.cjs',
  globalTeardown: '<rootDir>/test/tiers/redis.global-teardown.cjs',
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
      // No network, no listening port, no child process (each throws).
      setupFilesAfterEnv: ['<rootDir>/test/tiers/unit-isolation.cjs'],
    },
    {
      ...shared,
      displayName: 'model-contract',
      testMatch: ['<rootDir>/test/model-contract/**/*.spec.ts'],
    },
    {
      ...shared,
      ...withRedis,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
    },
    {
      ...shared,
      ...withRedis,
      displayName: 'e2e',
      // test/browser: the web console in a headless Chromium against the running app.
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts', '<rootDir>/test/browser/**/*.spec.ts'],
    },
  ],
  reporters: ['default', '<rootDir>/test/tiers/tier-durations.reporter.cjs'],
  testTimeout: 60000,
  maxWorkers: 2,
};
