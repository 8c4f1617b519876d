import type { SchedulingPreferences } from '../../src-preload/contract';
import type { SchedulingRequest, SchedulingRules } from './model';

/** 80 km (about 50 miles): farther clinics are not offered unless the caller asks (issue 12: offers 3,000 km away). */
export const DEFAULT_MAX_DISTANCE_KM = 80;

/** The distance limit in force for a search, and where it comes from. */
export interface DistanceLimit {
  /** In-person visits farther than this from home are not offered; null = no limit (distance only ranks). */
  readonly km: number | null;
  /** caller: the caller chose a maximum; any: the caller asked for any distance; default: the clinic's default; none: no default set. */
  readonly source: 'caller' | 'any' | 'default' | 'none';
}

/**
 * The limit for these preferences: "any distance" when the caller asked for it, else the caller's own maximum,
 * else the default (`scheduling.maxDistanceKm` in the configuration, else the rules file's `maxDistanceKm`, else
 * 80 km; null there = no default). Video visits are never limited: the engine applies the limit in person only.
 */
export function distanceLimit(preferences: Pick<SchedulingPreferences, 'anyDistance' | 'maxDistanceKm'>, rules: Pick<SchedulingRules, 'maxDistanceKm'>): DistanceLimit {
  if (preferences.anyDistance === true) return { km: null, source: 'any' };
  if (preferences.maxDistanceKm !== undefined) return { km: preferences.maxDistanceKm, source: 'caller' };
  const fallback = rules.maxDistanceKm === undefined ? DEFAULT_MAX_DISTANCE_KM : rules.maxDistanceKm;
  return fallback === null ? { km: null, source: 'none' } : { km: fallback, source: 'default' };
}

/** The engine's preferences with the limit in force (and nothing the engine does not read). */
export function withDistanceLimit(preferences: SchedulingPreferences, rules: Pick<SchedulingRules, 'maxDistanceKm'>): SchedulingRequest['preferences'] {
  const { anyDistance: _any, maxDistanceKm: _km, ...rest } = preferences;
  const { km } = distanceLimit(preferences, rules);
  return km === null ? rest : { ...rest, maxDistanceKm: km };
}

/** What the offer list says about the limit ("Clinics within 80 km of home (the default) …"). */
export function distanceLimitLabel(limit: DistanceLimit): string {
  const video = 'video visits are not limited';
  switch (limit.source) {
    case 'any':
      return `Any distance, as the caller asked; ${video}.`;
    case 'caller':
      return `Clinics within ${limit.km} km of home, as the caller asked; ${video}.`;
    case 'default':
      return `Clinics within ${limit.km} km of home (the default; the caller may ask for any distance); ${video}.`;
    case 'none':
      return 'No distance limit is set: distance only ranks the offers.';
  }
}
