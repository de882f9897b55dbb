import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { makeDirs } from '../../../src/common/make-dirs.js';

// The /proc case (where Node's recursive mkdir never returns) is driven through the CLI in a child
// process with a kill timeout: test/integration/cli/output-under-procfs.spec.ts.
describe('makeDirs (mkdir -p that cannot spin)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'fc-make-dirs-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates every missing folder, from a relative path too, and takes folders that exist', async () => {
    const deep = join(root, 'a', 'b', 'c');
    await makeDirs(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    await makeDirs(deep);
    await makeDirs(root);
    await makeDirs(relative(process.cwd(), join(root, 'a', 'd')));
    expect(statSync(join(root, 'a', 'd')).isDirectory()).toBe(true);
  });

  it('refuses a file where a folder goes, at the path or above it, as mkdir does', async () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    await expect(makeDirs(file)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(makeDirs(join(file, 'below'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
    await expect(makeDirs(join(root, 'dangling', 'out'))).rejects.toMatchObject({
      code: 'EEXIST',
    });
  });

  it('takes a folder another process makes meanwhile', async () => {
    const target = join(root, 'x', 'y');
    await Promise.all([makeDirs(target), makeDirs(target), makeDirs(join(root, 'x'))]);
    expect(statSync(target).isDirectory()).toBe(true);
    mkdirSync(join(root, 'z'));
    await makeDirs(join(root, 'z', 'w'));
    expect(statSync(join(root, 'z', 'w')).isDirectory()).toBe(true);
  });
});
