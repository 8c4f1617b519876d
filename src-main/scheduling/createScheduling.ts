import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DocumentationOutbox } from '../documentation/DocumentationOutbox';
import type { FhirClient } from '../ehr/FhirClient';
import type { Logger } from '../log/logger';
import { rankSlots } from './engine/rankSlots';
import { SchedulingWorldLoader } from './fhir/SchedulingWorldLoader';
import { SlotHolds } from './fhir/SlotHolds';
import type { ZipCentroids } from './geo/zipCentroids';
import type { SchedulingRules } from './model';
import { SchedulingService } from './SchedulingService';
import { WaitlistService } from './WaitlistService';
import { MemoryWaitlistStore, SqliteWaitlistStore } from './WaitlistStore';

export interface SchedulingDeps {
  readonly fhir: FhirClient;
  /** Built with `deliverers: schedulingDeliverers()` (fhir/appointmentDelivery.ts), or bookings stay failed. */
  readonly outbox: DocumentationOutbox;
  /** The migrated local cache (waitlist table, migration 008); absent = the waitlist lives in memory. */
  readonly db?: Database;
  /** The loaded rules (rules/loadSchedulingRules.ts); a function so a reload takes effect on the next request. */
  readonly rules: () => SchedulingRules;
  readonly centroids?: ZipCentroids;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * The composition of scheduling for bootstrap: world loader (network cached 5 minutes), holds, the service
 * with the real engine, and the waitlist (started: lapsed holds are passed on every 30 s). Dispose the
 * waitlist on shutdown.
 */
export function createScheduling(deps: SchedulingDeps): { scheduling: SchedulingService; waitlist: WaitlistService; loader: SchedulingWorldLoader } {
  const loader = new SchedulingWorldLoader(deps.fhir, deps.rules, { zips: deps.centroids, now: deps.now });
  const scheduling = new SchedulingService({
    fhir: deps.fhir,
    loader,
    holds: new SlotHolds(deps.fhir, deps.now),
    outbox: deps.outbox,
    rules: deps.rules,
    rank: rankSlots,
    logger: deps.logger,
    now: deps.now,
  });
  const waitlist = new WaitlistService({
    fhir: deps.fhir,
    loader,
    scheduling,
    store: deps.db ? new SqliteWaitlistStore(deps.db) : new MemoryWaitlistStore(),
    rules: deps.rules,
    logger: deps.logger,
    now: deps.now,
  });
  waitlist.start();
  return { scheduling, waitlist, loader };
}
