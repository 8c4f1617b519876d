import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFIER_SYSTEMS } from '../../src-main/documentation/encounterTransaction';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { type FhirServerProcess, startFhirServerProcess } from '../support/fhirServerProcess';
import { durableOutbox, encounterBundle } from '../support/outboxHarness';

let server: FhirServerProcess;
beforeAll(async () => {
  server = await startFhirServerProcess();
});
afterAll(async () => {
  await server?.kill();
});

describe('outbox through an EHR outage', () => {
  it('keeps writing while the EHR is down, drains once it is back with no duplicate, and a triple replay still leaves one copy', async () => {
    const h = durableOutbox(server.baseUrl, { baseMs: 100, maxMs: 800, jitter: 0.3 }, { submitWaitMs: 2_000, requestTimeoutMs: 5_000 });
    try {
      h.outbox.start();
      const ids: string[] = [];
      const outcomes: string[] = [];
      const submit = async (n: number): Promise<void> => {
        for (let i = 0; i < n; i += 1) {
          const e = encounterBundle();
          ids.push(e.id);
          outcomes.push((await h.outbox.submit(e.bundle, e.meta)).outcome);
        }
      };
      await submit(10);
      // The server goes down with deliveries in flight (slowed so they are): the front cuts them.
      await server.setDelay(300);
      const inFlight = Promise.all(
        Array.from({ length: 10 }, () => {
          const e = encounterBundle();
          ids.push(e.id);
          return h.outbox.submit(e.bundle, e.meta);
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
      await server.stop();
      outcomes.push(...(await inFlight).map((r) => r.outcome));
      await server.setDelay(0);
      await submit(30);
      expect(outcomes.slice(20).every((o) => o === 'queued')).toBe(true);
      const during = h.outbox.backlog();
      expect(during.pending).toBeGreaterThanOrEqual(30);
      expect(h.outbox.list().find((i) => i.state === 'pending')?.lastError).toMatch(/cannot be reached|did not answer/);
      await server.restart();
      await submit(10);
      await expect.poll(() => h.outbox.backlog(), { timeout: 30_000, interval: 100 }).toEqual({ pending: 0, failed: 0, oldestUnsentAt: null });

      const counts = await server.identifierCounts('Encounter', IDENTIFIER_SYSTEMS.encounter);
      expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
      expect(counts.size).toBe(ids.length);

      // Replay every stored bundle three times, straight to the server: If-None-Exist keeps one copy each.
      const direct = new FhirClient({ baseUrl: server.directBaseUrl, timeoutMs: 30_000 });
      for (let round = 0; round < 3; round += 1) {
        for (const id of ids) await direct.transaction(h.store.get(id)!.bundle);
      }
      for (const [type, system] of [
        ['Encounter', IDENTIFIER_SYSTEMS.encounter],
        ['QuestionnaireResponse', IDENTIFIER_SYSTEMS.questionnaireResponse],
        ['Communication', IDENTIFIER_SYSTEMS.communication],
      ] as const) {
        const after = await server.identifierCounts(type, system);
        expect(ids.filter((id) => after.get(id) !== 1), `${type} after replay`).toEqual([]);
      }
      // No PHI reached the log: only event names and codes.
      expect(h.logger.lines.join('\n')).not.toMatch(/Child with fever|pat-000001|Jordan/);
    } finally {
      await server.restart();
      await h.close();
    }
  });
});
