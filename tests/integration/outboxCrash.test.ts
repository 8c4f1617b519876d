import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentationOutbox } from '../../src-main/documentation/DocumentationOutbox';
import { IDENTIFIER_SYSTEMS } from '../../src-main/documentation/encounterTransaction';
import { SqliteOutboxStore } from '../../src-main/documentation/SqliteOutboxStore';
import { openOutboxDatabase, tempDir } from '../../src-main/documentation/testing/outboxDatabase';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { createMemoryLogger } from '../../src-main/log/logger';
import { type FhirServerProcess, TSX_ARGS, startFhirServerProcess } from '../support/fhirServerProcess';

const REPO_ROOT = resolve(__dirname, '../..');
const KILL_AFTER_ACKS = 300;

let server: FhirServerProcess;
const dir = tempDir('careline-outbox-crash-');
beforeAll(async () => {
  server = await startFhirServerProcess();
});
afterAll(async () => {
  await server?.kill();
  dir.remove();
});

/** Runs the burst process and SIGKILLs it once it has acknowledged `killAfter` writes; returns the acked ids. */
function burstAndKill(db: string, killAfter: number): Promise<{ acked: string[]; finished: boolean }> {
  const child = spawn(process.execPath, [...TSX_ARGS, resolve(REPO_ROOT, 'tests/support/outboxBurstProcess.ts'), db, server.baseUrl, '1000'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveRun, reject) => {
    const acked: string[] = [];
    let finished = false;
    let partial = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000); // bounded whatever happens
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        if (line === 'done') finished = true;
      }
      if (acked.length >= killAfter) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolveRun({ acked, finished });
      else reject(new Error(`burst process exited with ${code}: ${stderr}`));
    });
  });
}

describe('outbox crash: SIGKILL mid-burst', () => {
  it('delivers every acknowledged write exactly once after restart, and nothing twice', async () => {
    const db = dir.file('outbox.db');
    const { acked, finished } = await burstAndKill(db, KILL_AFTER_ACKS);
    expect(finished, 'killed mid-burst').toBe(false);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.length, 'the kill stopped the burst').toBeLessThan(1000);

    const before = await server.identifierCounts('Encounter', IDENTIFIER_SYSTEMS.encounter);
    // Restart: a fresh outbox on the same file resumes and drains.
    const store = new SqliteOutboxStore(openOutboxDatabase(db, { create: false }));
    const outbox = new DocumentationOutbox(new FhirClient({ baseUrl: server.baseUrl }), store, createMemoryLogger(), { baseMs: 100, maxMs: 1_000, jitter: 0.3 }, Date.now, {
      maxConcurrent: 4,
      requestTimeoutMs: 10_000,
    });
    // Items the crash caught after their request reached the EHR but before "sent" was stored: the resume
    // replays them and If-None-Exist must keep them single.
    const landedUnmarked = store.unsent().filter((i) => before.has(i.id)).length;
    try {
      const resumed = outbox.start();
      await expect.poll(() => outbox.backlog(), { timeout: 40_000, interval: 100 }).toEqual({ pending: 0, failed: 0, oldestUnsentAt: null });
      const after = await server.identifierCounts('Encounter', IDENTIFIER_SYSTEMS.encounter);
      const missing = acked.filter((id) => after.get(id) !== 1);
      expect(missing, 'acknowledged writes not on the server exactly once').toEqual([]);
      expect([...after.values()].filter((n) => n !== 1), 'an identifier written twice').toEqual([]);
      // The crash left work to resume (otherwise the test proves nothing about restart).
      expect(resumed).toBeGreaterThan(0);
      expect(after.size).toBeGreaterThan(before.size);
      for (const type of ['QuestionnaireResponse', 'Communication'] as const) {
        const system = type === 'QuestionnaireResponse' ? IDENTIFIER_SYSTEMS.questionnaireResponse : IDENTIFIER_SYSTEMS.communication;
        const counts = await server.identifierCounts(type, system);
        expect(acked.filter((id) => counts.get(id) !== 1), `${type} exactly once`).toEqual([]);
      }
      console.log(`crash test: ${acked.length} acknowledged before SIGKILL, ${before.size} on the server at the kill, ${resumed} resumed (${landedUnmarked} of them already on the server), ${after.size} on the server after the drain`);
    } finally {
      await outbox.dispose();
    }
  });
});
