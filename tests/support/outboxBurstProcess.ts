/**
 * TEST PROCESS for the outbox crash test: opens the outbox database at argv[2] (creating its table), then
 * documents argv[4] encounters as fast as it can against the FHIR base argv[3], delivering in the background.
 * Prints `ack <draftId>` on stdout only AFTER submit returned, i.e. once the write was acknowledged to the
 * user. The test kills it with SIGKILL mid-burst. (stdout to a pipe is synchronous on Linux: a printed ack
 * is never lost in a buffer.)
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DocumentationOutbox } from '../../src-main/documentation/DocumentationOutbox';
import { buildEncounterTransaction } from '../../src-main/documentation/encounterTransaction';
import { SqliteOutboxStore } from '../../src-main/documentation/SqliteOutboxStore';
import { feverRequest, nurse } from '../../src-main/documentation/testing/documentRequests';
import { openOutboxDatabase } from '../../src-main/documentation/testing/outboxDatabase';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { createConsoleLogger } from '../../src-main/log/logger';

async function main(): Promise<void> {
  const [path, baseUrl, countArg] = process.argv.slice(2);
  if (!path || !baseUrl) throw new Error('usage: outboxBurstProcess <db> <fhirBase> <count>');
  const count = Number(countArg ?? 1000);
  const db = openOutboxDatabase(path, { create: !existsSync(path) });
  const outbox = new DocumentationOutbox(
    new FhirClient({ baseUrl, timeoutMs: 10_000 }),
    new SqliteOutboxStore(db),
    createConsoleLogger('error'),
    { baseMs: 100, maxMs: 1_000, jitter: 0.3 },
    Date.now,
    { submitWaitMs: 0, maxConcurrent: 4, requestTimeoutMs: 10_000 },
  );
  outbox.start();
  for (let i = 0; i < count; i += 1) {
    const request = { ...feverRequest, draftId: randomUUID() };
    const bundle = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours nurse line', callTypeLabel: 'Symptoms' });
    await outbox.submit(bundle, { idempotencyKey: request.draftId, patientId: request.patientId, label: `Encounter · burst ${i}` });
    process.stdout.write(`ack ${request.draftId}\n`);
    // One user action per turn of the event loop, as the IPC handler sees them: deliveries interleave.
    await new Promise((r) => setImmediate(r));
  }
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`burst failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
