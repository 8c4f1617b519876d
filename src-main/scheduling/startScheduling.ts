import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CarelineConfig } from '../config/carelineConfig';
import type { DocumentationOutbox } from '../documentation/DocumentationOutbox';
import type { FhirClient } from '../ehr/FhirClient';
import type { Logger } from '../log/logger';
import { createScheduling } from './createScheduling';
import { nationalZipCentroids } from './geo/nationalZipCentroids';
import { loadSchedulingRules } from './rules/loadSchedulingRules';
import type { SchedulingService } from './SchedulingService';
import type { WaitlistService } from './WaitlistService';

export interface StartedScheduling {
  readonly scheduling: SchedulingService | null;
  readonly waitlist: WaitlistService | null;
  /** Why scheduling is off (no rules file for a real EHR, or a file with errors); null when on. */
  readonly unavailable: string | null;
}

export interface StartSchedulingDeps {
  readonly config: CarelineConfig;
  readonly resourcesDir: string;
  readonly demo: boolean;
  readonly fhir: FhirClient;
  readonly outbox: DocumentationOutbox;
  readonly db: Database;
  readonly logger: Logger;
}

/**
 * Scheduling needs the clinic's rules (visit types, provider and location rules): the configured file, or the
 * demo network's own with the demo EHR. A real EHR without a rules file, or a file with errors, leaves
 * scheduling off with the reason (the first errors, located) rather than booking under rules nobody wrote.
 */
export function startScheduling(deps: StartSchedulingDeps): StartedScheduling {
  const path = deps.config.scheduling.rulesPath ?? (deps.demo ? join(deps.resourcesDir, 'scheduling', 'demo-rules.json') : null);
  if (!path) {
    return off('Scheduling is not set up on this workstation: IT names the clinic\u2019s scheduling rules file in the Careline configuration (scheduling.rulesPath).', deps.logger);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return off(`Scheduling is off: the scheduling rules file cannot be read (${path}).`, deps.logger);
  }
  const loaded = loadSchedulingRules(text, path.split(/[\\/]/).pop() ?? path);
  if (!loaded.ok) {
    deps.logger.log('error', 'scheduling.rules-refused', { problems: loaded.errors.length });
    return off(`Scheduling is off: the scheduling rules file has errors. ${loaded.errors.slice(0, 3).join(' ')}`, deps.logger);
  }
  // The configuration's distance default, when set, wins over the rules file's (null there too = no default limit).
  const { maxDistanceKm } = deps.config.scheduling;
  const rules = maxDistanceKm === undefined ? loaded.rules : { ...loaded.rules, maxDistanceKm };
  const { scheduling, waitlist } = createScheduling({ fhir: deps.fhir, outbox: deps.outbox, db: deps.db, rules: () => rules, centroids: nationalZipCentroids(), logger: deps.logger });
  return { scheduling, waitlist, unavailable: null };
}

function off(reason: string, logger: Logger): StartedScheduling {
  logger.log('warn', 'scheduling.off', {});
  return { scheduling: null, waitlist: null, unavailable: reason };
}
