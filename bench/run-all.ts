/**
 * `npm run bench`: builds the app once, then runs every bench/*.bench.ts in its own process, one after the
 * other (they measure time and memory, so they must not compete for the two cores), and prints their figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const build = spawnSync(resolve(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n=== ${bench} ===\n`);
  const run = spawnSync(resolve(root, 'node_modules/.bin/tsx'), [resolve(__dirname, bench)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stdout.write(`!!! ${bench} exited with ${run.status}\n`);
  }
}
process.exit(failed ? 1 : 0);
