/**
 * `npm start`: the desktop app where the Electron runtime is installed; where it is not (CI machines, our
 * build machines, any box where the Electron download was blocked) it says so plainly and runs the same app
 * in browser mode through the dev/test web host, printing the URL to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
const bin = (name: string) => resolve(repoRoot, 'node_modules/.bin', name);

const electronDir = resolve(repoRoot, 'node_modules/electron');

/**
 * The Electron binary path, or why there is none. Read from the package's files rather than by
 * `require('electron')`, which would try to download the binary as a side effect.
 */
export function findElectronRuntime(dir: string = electronDir): { path: string } | { missing: string } {
  if (!existsSync(resolve(dir, 'package.json'))) return { missing: 'the electron package is not installed' };
  const pathFile = resolve(dir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary was never downloaded' };
  const binary = resolve(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? resolve(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} does not exist` };
}

/** electron 45 downloads its binary on first use, not on install: try once, quietly and bounded in time. */
function tryDownloadElectron(): boolean {
  process.stdout.write('Looking for the Electron runtime (downloading it once if this machine can)…\n');
  const result = spawnSync(process.execPath, [resolve(electronDir, 'install.js')], { cwd: repoRoot, stdio: 'ignore', timeout: 120_000 });
  return result.status === 0;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  let runtime = findElectronRuntime();
  if (!('path' in runtime) && existsSync(resolve(electronDir, 'install.js')) && tryDownloadElectron()) runtime = findElectronRuntime();
  if ('path' in runtime) {
    const child = spawn(bin('electron-vite'), ['preview'], { cwd: repoRoot, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stdout.write(
    `\nThe Electron runtime is not installed on this machine (${runtime.missing}).\n` +
      `Starting the same Careline app in browser mode through the web host instead (dev/test only).\n\n`,
  );
  run(bin('electron-vite'), ['build']);
  const port = process.env.CARELINE_PORT ?? '5199';
  const child = spawn(bin('tsx'), [resolve(repoRoot, 'src-main/web-host/cli.ts'), '--port', port], { cwd: repoRoot, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (require.main === module) main();
