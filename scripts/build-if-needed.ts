/** Runs `remix build` when the build is missing or older than any source file. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['app', 'server', 'db', 'remix.config.js', 'package.json'];
const BUILD_FILE = 'build/index.js';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIfNeeded(root: string): void {
  const buildFile = join(root, BUILD_FILE);
  const builtAt = existsSync(buildFile) ? statSync(buildFile).mtimeMs : 0;
  const sourcesAt = Math.max(
    ...SOURCES.map((s) => join(root, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (builtAt >= sourcesAt) return;
  console.log('De app wordt gebouwd…');
  const result = spawnSync('npx', ['remix', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('Bouwen mislukt (zie de melding hierboven).');
}
