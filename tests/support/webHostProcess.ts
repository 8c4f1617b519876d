import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface WebHostProcess {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly fhirBaseUrl: string;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the dev/test web host (main services + built renderer over loopback) as its own process, the way
 * a developer would, and waits for its ready line. The child also stops when our stdin pipe closes, so a
 * crashed test run cannot leave it behind.
 */
export async function startWebHostProcess(
  options: { patients?: number; seed?: number; timeoutMs?: number; configPath?: string; env?: Record<string, string> } = {},
): Promise<WebHostProcess> {
  const args = [resolve(REPO_ROOT, 'src-main/web-host/cli.ts'), '--json', '--port', '0'];
  if (options.patients) args.push('--patients', String(options.patients));
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  const child: ChildProcessWithoutNullStreams = spawn(resolve(REPO_ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: REPO_ROOT,
    env: { ...process.env, CARELINE_CONFIG: options.configPath ?? '', ...options.env },
    stdio: 'pipe',
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));

  const ready = await new Promise<{ url: string; origin: string; token: string; fhirBaseUrl: string }>((resolveReady, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web host did not start within ${options.timeoutMs ?? 60_000} ms:\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolveReady(JSON.parse(line));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${stderr}`));
    });
  });

  return {
    ...ready,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
