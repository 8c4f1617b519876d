import type { ClinicLocation, Provider, SchedulingRules, SchedulingWorld } from '../model';
import { centroidForZip, type ZipCentroids } from '../geo/zipCentroids';

/** What the EHR says, before the clinic's rules are merged over it. */
export interface EhrScheduling {
  readonly providers: readonly Provider[];
  readonly locations: readonly ClinicLocation[];
  readonly slots: SchedulingWorld['slots'];
  readonly booked: SchedulingWorld['booked'];
}

/**
 * The engine's world: the EHR's providers and locations with the rules file merged over them (a field the rules
 * set replaces the EHR's; lists are replaced, not appended, so the file says the whole truth for what it names),
 * visit types and weights from the rules, and a location's centroid from the offline ZIP table when the EHR gives
 * none. Pure: the FHIR adapter reads, this merges.
 */
export function applySchedulingRules(ehr: EhrScheduling, rules: SchedulingRules, zips: ZipCentroids = new Map()): SchedulingWorld {
  const providers = ehr.providers.map((p) => {
    const override = rules.providers[p.id];
    return override ? { ...p, ...override } : p;
  });
  const locations = ehr.locations.map((l) => {
    const merged: ClinicLocation = { ...l, ...(rules.locations[l.id] ?? {}) };
    return merged.centroid ? merged : { ...merged, centroid: centroidForZip(zips, merged.postalCode) };
  });
  return { providers, locations, visitTypes: rules.visitTypes, slots: ehr.slots, booked: ehr.booked, weights: rules.weights };
}
