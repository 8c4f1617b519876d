import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import type { ChaosMode, ChaosStats } from './fhirChaosServer';

export type { ChaosMode, ChaosStats };
const REPO_ROOT = resolve(__dirname, '../..');
/**
 * node with tsx as a loader, not the tsx CLI: the CLI runs the script in a second process, so a SIGKILL
 * (which it cannot relay) would kill the wrapper and leave the script running.
 */
export const TSX_ARGS = ['--import', 'tsx'] as const;

export interface FhirServerProcess {
  /** What the code under test talks to (through the chaos front). */
  readonly baseUrl: string;
  /** The demo server itself, bypassing the front: for counting and replays, whatever the chaos. */
  readonly directBaseUrl: string;
  /** The EHR goes down: the front stops listening on its port (written data stays). */
  stop(): Promise<void>;
  /** Back up on the same port. */
  restart(): Promise<void>;
  setMode(mode: ChaosMode, delayMs?: number): Promise<void>;
  setDelay(delayMs: number): Promise<void>;
  stats(): Promise<ChaosStats>;
  resetStats(): Promise<void>;
  /** How many `type` resources carry each identifier value of `system` (read directly, all pages). */
  identifierCounts(type: Resource['resourceType'], system: string): Promise<Map<string, number>>;
  stderr(): string;
  /** Kills the process; safe to call twice. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcessWithoutNullStreams>();
// Every exit path of the test runner: a child left behind would hold its ports.
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

/** Starts tests/support/fhirChaosServer.ts in its own process (tsx) and waits for its ready line. */
export async function startFhirServerProcess(options: { timeoutMs?: number } = {}): Promise<FhirServerProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(process.execPath, [...TSX_ARGS, resolve(__dirname, 'fhirChaosServer.ts')], { cwd: REPO_ROOT, stdio: 'pipe' });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  };

  let ready: { baseUrl: string; directBaseUrl: string; controlUrl: string };
  try {
    ready = await new Promise((resolveReady, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`FHIR server process did not start within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) {
          clearTimeout(timer);
          resolveReady(JSON.parse(line) as typeof ready);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`FHIR server process exited with ${code}:\n${stderr}`));
      });
    });
  } catch (error) {
    await kill();
    throw error;
  }

  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${ready.controlUrl}/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`control ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const direct = new FhirClient({ baseUrl: ready.directBaseUrl, timeoutMs: 30_000 });

  return {
    baseUrl: ready.baseUrl,
    directBaseUrl: ready.directBaseUrl,
    stop: () => control('stop'),
    restart: () => control('start'),
    setMode: (mode, delayMs) => control('mode', { mode, ...(delayMs === undefined ? {} : { delayMs }) }),
    setDelay: (delayMs) => control('mode', { delayMs }),
    stats: () => control<ChaosStats>('stats'),
    resetStats: () => control('reset-stats'),
    async identifierCounts(type, system) {
      const resources = await direct.search<Resource & { identifier?: { system?: string; value?: string }[] | { system?: string; value?: string } }>(
        type,
        { _count: '1000' },
        { maxPages: 1000 },
      );
      const counts = new Map<string, number>();
      for (const r of resources) {
        const ids = Array.isArray(r.identifier) ? r.identifier : r.identifier ? [r.identifier] : [];
        for (const id of ids) if (id.system === system && id.value) counts.set(id.value, (counts.get(id.value) ?? 0) + 1);
      }
      return counts;
    },
    stderr: () => stderr,
    kill,
  };
}
