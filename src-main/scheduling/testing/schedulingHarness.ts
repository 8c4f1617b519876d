import { DemoFhirServer } from '../../demo/ehr/DemoFhirServer';
import { DocumentationOutbox, MemoryOutboxStore, type OutboxStore } from '../../documentation/DocumentationOutbox';
import { FhirClient } from '../../ehr/FhirClient';
import { createMemoryLogger } from '../../log/logger';
import { rankSlots } from '../engine/rankSlots';
import { schedulingDeliverers } from '../fhir/appointmentDelivery';
import { SchedulingWorldLoader } from '../fhir/SchedulingWorldLoader';
import { SlotHolds } from '../fhir/SlotHolds';
import { fixtureRules, loadFixture } from '../fhir/testing/schedulingFixture';
import type { SchedulingRules } from '../model';
import { SchedulingService } from '../SchedulingService';

export interface SchedulingHarness {
  readonly fhir: FhirClient;
  readonly service: SchedulingService;
  readonly outbox: DocumentationOutbox;
  readonly store: OutboxStore;
  readonly loader: SchedulingWorldLoader;
  readonly start: number;
  /** The in-process server (null when a baseUrl was given): `setOutage` simulates the EHR going down. */
  readonly server: DemoFhirServer | null;
  close(): Promise<void>;
}

/**
 * The scheduling stack wired as bootstrap wires it (loader, holds, outbox with the scheduling deliverers,
 * the real engine) against `baseUrl`, or an in-process demo FHIR server loaded with the test fixture.
 */
export async function schedulingHarness(options: { baseUrl?: string; rules?: SchedulingRules; hours?: number; submitWaitMs?: number; load?: boolean } = {}): Promise<SchedulingHarness> {
  const server = options.baseUrl ? null : await DemoFhirServer.start();
  const baseUrl = options.baseUrl ?? server!.baseUrl;
  const fhir = new FhirClient({ baseUrl, timeoutMs: 5_000 });
  // Slots start at a whole hour at least an hour ahead: "now" (and a test clock moved past a hold) stays before them.
  const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
  if (options.load !== false) await loadFixture(fhir, { start, hours: options.hours ?? 48 });
  const rules = options.rules ?? fixtureRules();
  const logger = createMemoryLogger();
  const store = new MemoryOutboxStore();
  const outbox = new DocumentationOutbox(fhir, store, logger, { baseMs: 50, maxMs: 400, jitter: 0.2 }, Date.now, {
    requestTimeoutMs: 5_000,
    submitWaitMs: options.submitWaitMs ?? 5_000,
    deliverers: schedulingDeliverers(),
  });
  const loader = new SchedulingWorldLoader(fhir, () => rules, { defaultTimeZone: 'America/New_York', networkTtlMs: 60_000 });
  const service = new SchedulingService({ fhir, loader, holds: new SlotHolds(fhir), outbox, rules: () => rules, rank: rankSlots, logger });
  return {
    fhir,
    service,
    outbox,
    store,
    loader,
    start,
    server,
    async close() {
      await outbox.dispose();
      await server?.stop();
    },
  };
}
