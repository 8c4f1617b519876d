import type { ClinicLocation, Provider, SchedulingRules } from '../model';

/**
 * The clinic's rules file wins over what FHIR says: FHIR R4 has no structured place for accepted plans,
 * age ranges or limits, and where it has one (languages, hours) the manager's file is the deliberate override.
 * Only fields the file sets are replaced; ids and names always come from the EHR.
 */
export function mergeProvider(provider: Provider, rules: SchedulingRules): Provider {
  const override = rules.providers[provider.id];
  return override ? { ...provider, ...definedOnly(override) } : provider;
}

export function mergeLocation(location: ClinicLocation, rules: SchedulingRules): ClinicLocation {
  const override = rules.locations[location.id];
  if (!override) return location;
  const merged = { ...location, ...definedOnly(override) };
  // Resources the file adds are kept beside the rooms the EHR lists (the file may describe equipment the EHR has no Device for).
  const resources = override.resources ? [...location.resources.filter((r) => !override.resources!.some((o) => o.id === r.id)), ...override.resources] : location.resources;
  return { ...merged, resources };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
