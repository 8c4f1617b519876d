import { randomUUID } from 'node:crypto';
import type { Bundle } from '@medplum/fhirtypes';
import { type BackoffPolicy, DocumentationOutbox, type OutboxOptions } from '../../src-main/documentation/DocumentationOutbox';
import { buildEncounterTransaction } from '../../src-main/documentation/encounterTransaction';
import { SqliteOutboxStore } from '../../src-main/documentation/SqliteOutboxStore';
import { feverRequest, nurse } from '../../src-main/documentation/testing/documentRequests';
import { openOutboxDatabase, tempDir } from '../../src-main/documentation/testing/outboxDatabase';
import { FhirClient } from '../../src-main/ehr/FhirClient';
import { createMemoryLogger } from '../../src-main/log/logger';

/** A documented encounter as the IPC handler builds it, with a fresh draft id. */
export function encounterBundle(): { id: string; bundle: Bundle; meta: { idempotencyKey: string; patientId: string; label: string } } {
  const request = { ...feverRequest, draftId: randomUUID() };
  const bundle = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours nurse line', callTypeLabel: 'Symptoms' });
  return { id: request.draftId, bundle, meta: { idempotencyKey: request.draftId, patientId: request.patientId, label: 'Encounter · Fever' } };
}

/** A durable outbox on a temp file against `baseUrl`; `close` disposes it, closes the file and removes it. */
export function durableOutbox(baseUrl: string, policy: BackoffPolicy, options: OutboxOptions = {}) {
  const dir = tempDir();
  const db = openOutboxDatabase(dir.file('outbox.db'));
  const store = new SqliteOutboxStore(db);
  const logger = createMemoryLogger();
  const fhir = new FhirClient({ baseUrl, timeoutMs: 10_000 });
  const outbox = new DocumentationOutbox(fhir, store, logger, policy, Date.now, options);
  return {
    outbox,
    store,
    fhir,
    logger,
    async close() {
      await outbox.dispose();
      db.close();
      dir.remove();
    },
  };
}
