// @ts-check
// The layer order of docs/ARCHITECTURE.md ("Modules and layers"), checked by `npm run lint:deps`
// (dependency-cruiser) in .ci/run: no import cycles, no import from a layer to a higher one, and no
// production code importing a devDependency (the image installs with `npm ci --omit=dev`).
// Type-only imports count too: they are the contracts the layers share.

/** From the bottom. A folder listed in a layer belongs to it, subfolders included, unless a higher layer names them. */
const LAYERS = [
  { name: '0 foundation', paths: ['^src/common/', '^src/config/'] },
  { name: '1 storage and job queue', paths: ['^src/storage/', '^src/jobs/(?!processors/|http/)'] },
  { name: '2 data', paths: ['^src/data/'] },
  { name: '3 features', paths: ['^src/features/'] },
  { name: '4 models', paths: ['^src/forecasting/', '^src/evaluation/'] },
  { name: '5 model lifecycle', paths: ['^src/registry/', '^src/training/', '^src/monitoring/'] },
  {
    name: '6 serving and jobs',
    paths: [
      '^src/startup/',
      '^src/serving/',
      '^src/jobs/processors/',
      '^src/jobs/http/',
      '^src/sagemaker/',
      '^src/items/',
    ],
  },
  {
    name: '7 composition',
    paths: ['^src/health/', '^src/console/', '^src/cli/', '^src/container/', '^src/[^/]+$'],
  },
];

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name.split(' ')[0]}-imports-upward`,
  comment: `Layer "${layer.name}" imports a higher layer (docs/ARCHITECTURE.md, "Modules and layers").`,
  severity: 'error',
  from: { path: layer.paths },
  to: { path: LAYERS.slice(i + 1).flatMap((l) => l.paths) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycle: move the shared part down a layer (docs/ARCHITECTURE.md).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'no-dev-dependency-in-src',
      comment:
        'Production code imports a devDependency, which `npm ci --omit=dev` (Dockerfile) leaves out.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve to a file or an installed package.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
