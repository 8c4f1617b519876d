/**
 * `npm start`: the desktop app where the Electron runtime is installed; where it is not (CI machines, our
 * build machines, any box where the Electron download was blocked) it says so plainly and runs the same app
 * in browser mode through the dev/test web host, printing the URL to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
const bin = (name: string) => resolve(repoRoot, 'node_modules/.bin', name);

/** The Electron binary path, or why there is none. `require('electron')` throws when the download failed. */
export function findElectronRuntime(): { path: string } | { missing: string } {
  try {
    const path = createRequire(resolve(repoRoot, 'package.json'))('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    return { missing: (error as Error).message.split('\n')[0] ?? 'electron is not installed' };
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  const runtime = findElectronRuntime();
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
