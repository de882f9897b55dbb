import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execForm, parseDockerfile, type DockerStage } from '../../helpers/dockerfile.js';

const root = join(__dirname, '..', '..', '..');
const dockerfile = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));

function stage(name: string): DockerStage {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

function args(s: DockerStage, keyword: string): string[] {
  return s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

describe('Dockerfile', () => {
  const runtime = dockerfile.stages[dockerfile.stages.length - 1];

  it('is multi-stage on node:24-bookworm-slim: build, deps and the runtime last', () => {
    expect(dockerfile.globalArgs.NODE_IMAGE).toBe('node:24-bookworm-slim');
    expect(stage('node').from).toBe('${NODE_IMAGE}');
    expect(stage('build').from).toBe('node');
    expect(args(stage('build'), 'RUN').join('\n')).toMatch(/npm ci[^\n]*\n.*npm run build/s);
    expect(args(stage('deps'), 'RUN').join('\n')).toContain('npm ci --omit=dev');
    expect(runtime.name).toBe('runtime');
    expect(runtime.from).toBe('base');
    // The runtime takes production dependencies from deps and the built files from build, nothing else.
    const copies = args(runtime, 'COPY');
    expect(copies).toEqual([
      '--from=deps /app/node_modules ./node_modules',
      '--from=build /out ./',
    ]);
  });

  it('selects the GPU variant with a build argument: tfjs-node-gpu on CUDA 11.2 with cuDNN 8', () => {
    expect(dockerfile.globalArgs.VARIANT).toBe('cpu');
    expect(stage('base').from).toBe('base-${VARIANT}');
    expect(stage('base-cpu').from).toBe('node');
    expect(stage('base-gpu').from).toBe('${CUDA_IMAGE}');
    expect(dockerfile.globalArgs.CUDA_IMAGE).toBe('nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04');
    expect(args(stage('base-cpu'), 'ENV').join(' ')).toContain(
      'TF_NATIVE_PACKAGE=@tensorflow/tfjs-node ',
    );
    expect(args(stage('base-gpu'), 'ENV').join(' ')).toContain(
      'TF_NATIVE_PACKAGE=@tensorflow/tfjs-node-gpu',
    );
    // The deps stage fails the build when the native binding does not load.
    expect(args(stage('deps'), 'RUN').join('\n')).toContain(
      'node -e "require(process.env.TF_NATIVE_PACKAGE)" && npm cache',
    );
  });

  it('runs as a non-root user', () => {
    const users = args(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('health-checks the readiness route with node (no curl in the slim image)', () => {
    const [health] = args(runtime, 'HEALTHCHECK');
    expect(health).toMatch(/--start-period=\d+s/);
    const cmd = execForm(health.slice(health.indexOf('CMD ') + 4));
    expect(cmd).toEqual(['node', '/app/dist/src/container/healthcheck.js']);
    expect(existsSync(join(root, 'src/container/healthcheck.ts'))).toBe(true);
  });

  it('starts without a shell wrapper and without npm start, tini forwarding signals to node', () => {
    const entrypoint = execForm(args(runtime, 'ENTRYPOINT')[0]);
    const cmd = execForm(args(runtime, 'CMD')[0]);
    expect(entrypoint).toEqual(['tini', '--', 'node', '/app/dist/src/container.js']);
    expect(cmd).toEqual([]);
    const all = [...(entrypoint ?? []), ...(cmd ?? [])].join(' ');
    expect(all).not.toMatch(/npm|\bsh\b|bash/);
    expect(existsSync(join(root, 'src/container.ts'))).toBe(true);
  });

  it('exposes the API, SageMaker and worker ports and labels the image with version and commit', () => {
    expect(args(runtime, 'EXPOSE')).toEqual(['3000 8080 9464']);
    const labels = args(runtime, 'LABEL').join(' ');
    expect(labels).toContain('org.opencontainers.image.version="${VERSION}"');
    expect(labels).toContain('org.opencontainers.image.revision="${COMMIT}"');
    expect(args(runtime, 'ARG')).toEqual(
      expect.arrayContaining(['VERSION=0.1.0', 'COMMIT=unknown']),
    );
  });

  it('the parser rejects what is not a Dockerfile', () => {
    expect(() => parseDockerfile('RUN echo before any FROM')).toThrow('before the first FROM');
    expect(() => parseDockerfile('FROM x\nRUNN echo')).toThrow('unknown instruction');
    expect(() => parseDockerfile('FROM x\nRUN a \\')).toThrow('continued line');
  });
});
