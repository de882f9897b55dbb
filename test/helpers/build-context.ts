import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `.dockerignore` as a list of matchers. Supports what the repository's file uses (one path pattern a
 * line, `*` inside a segment, matching the path or anything under it) and throws on anything else
 * (`!`, `**`, `?`, `[...]`), so the test never silently disagrees with Docker about the context.
 */
export function dockerignoreMatchers(text: string): ((path: string) => boolean)[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((pattern) => {
      if (/[!?[\]]|\*\*/.test(pattern))
        throw new Error(`unsupported .dockerignore pattern: ${pattern}`);
      const clean = pattern.replace(/^\/+|\/+$/g, '');
      const source = clean
        .split('/')
        .map((seg) => seg.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
        .join('/');
      const re = new RegExp(`^${source}(/.*)?$`);
      return (path: string) => re.test(path);
    });
}

/**
 * Copies the Docker build context of the working tree into `dest`: the files git knows or would add
 * (tracked, plus untracked ones not ignored, with their working-tree contents), minus .dockerignore.
 */
export function copyBuildContext(repoRoot: string, dest: string): string[] {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((p) => p !== '');
  const ignored = dockerignoreMatchers(readFileSync(join(repoRoot, '.dockerignore'), 'utf8'));
  const files = [...new Set(listed)].filter(
    (p) => existsSync(join(repoRoot, p)) && !ignored.some((m) => m(p)),
  );
  for (const p of files) {
    mkdirSync(dirname(join(dest, p)), { recursive: true });
    cpSync(join(repoRoot, p), join(dest, p));
  }
  return files;
}
