/**
 * Outbox delivery figures: N=1000 documented encounters (Encounter + QuestionnaireResponse + Communication
 * per transaction) submitted to the durable outbox (SQLite file, WAL, synchronous=FULL), then drained to the
 * demo FHIR server on loopback, in its own process as an EHR would be (no population: the If-None-Exist
 * searches are indexed). Prints the submit (durable acknowledgement) latency, the delivery throughput in
 * items/s, and the submit -> sent latency, for 1 and 4 deliveries at once.
 * Run: npx tsx bench/outbox.bench.ts
 */
import { randomUUID } from 'node:crypto';
import type { OutboxItem } from '../src-preload/contract';
import { type DeliveredIds, DocumentationOutbox } from '../src-main/documentation/DocumentationOutbox';
import { buildEncounterTransaction } from '../src-main/documentation/encounterTransaction';
import { SqliteOutboxStore } from '../src-main/documentation/SqliteOutboxStore';
import { feverRequest, nurse } from '../src-main/documentation/testing/documentRequests';
import { openOutboxDatabase, tempDir } from '../src-main/documentation/testing/outboxDatabase';
import { FhirClient } from '../src-main/ehr/FhirClient';
import { createConsoleLogger } from '../src-main/log/logger';
import { type FhirServerProcess, startFhirServerProcess } from '../tests/support/fhirServerProcess';
import { summary } from './stats';

const N = 1000;

/** The store, noting when each item is marked sent (the moment the agent's view would show it). */
class TimedStore extends SqliteOutboxStore {
  readonly sentAt = new Map<string, number>();
  override update(id: string, item: OutboxItem, delivered?: DeliveredIds): void {
    super.update(id, item, delivered);
    if (item.state === 'sent' && !this.sentAt.has(id)) this.sentAt.set(id, performance.now());
  }
}

async function run(server: FhirServerProcess, maxConcurrent: number, n = N, quiet = false): Promise<void> {
  const dir = tempDir('careline-outbox-bench-');
  const db = openOutboxDatabase(dir.file('outbox.db'));
  const store = new TimedStore(db);
  const outbox = new DocumentationOutbox(new FhirClient({ baseUrl: server.directBaseUrl }), store, createConsoleLogger('error'), undefined, Date.now, {
    submitWaitMs: 0, // acknowledge on commit, deliver in the background: the queue is what is measured
    maxConcurrent,
  });
  try {
    const submittedAt = new Map<string, number>();
    const ack: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1) {
      const request = { ...feverRequest, draftId: randomUUID() };
      const bundle = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours nurse line', callTypeLabel: 'Symptoms' });
      const t = performance.now();
      submittedAt.set(request.draftId, t);
      await outbox.submit(bundle, { idempotencyKey: request.draftId, patientId: request.patientId, label: `Encounter · bench ${i}` });
      ack.push(performance.now() - t);
    }
    const submitted = performance.now();
    while (store.sentAt.size < n) {
      if (performance.now() - t0 > 300_000) throw new Error(`not drained after 300 s (${store.sentAt.size}/${n})`);
      if (store.backlog().failed > 0) throw new Error('an item failed');
      await new Promise((r) => setTimeout(r, 20));
    }
    const drained = Math.max(...store.sentAt.values());
    const latency = [...store.sentAt].map(([id, t]) => t - submittedAt.get(id)!);
    if (quiet) return;
    console.log(`--- maxConcurrent ${maxConcurrent}`);
    console.log(summary(`outbox submit (durable acknowledgement) x${N}`, ack));
    console.log(`outbox: ${N} submitted in ${((submitted - t0) / 1000).toFixed(2)} s, all sent after ${((drained - t0) / 1000).toFixed(2)} s -> ${(N / ((drained - t0) / 1000)).toFixed(0)} items/s`);
    console.log(summary(`outbox submit -> sent x${N}`, latency));
  } finally {
    await outbox.dispose();
    db.close();
    dir.remove();
  }
}

async function main(): Promise<void> {
  const server = await startFhirServerProcess();
  try {
    await run(server, 4, 300, true); // warm-up: the server's JIT and validator, not the outbox, dominate a cold start
    await run(server, 1);
    await run(server, 4);
  } finally {
    await server.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
