// ESM-only packages that jest must transform to CommonJS (see STACK.md).
const esmOnly = [
  '@nestjs', 'arquero', '@uwdata', 'file-type', 'strtok3', 'token-types', '@tokenizer',
  'uint8array-extras', '@borewit', 'load-esm', 'uid', 'chinese-days', 'content-disposition',
];
module.exports = {
  testEnvironment: 'node',
  testRegex: 'test/.*\\.spec\\.ts$',
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
  testTimeout: 60000,
  maxWorkers: 2,
};
