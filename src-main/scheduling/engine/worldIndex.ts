import type { BookedVisit, ClinicLocation, Provider, SchedulingWorld, Slot, VisitType } from '../model';

/**
 * The world's lookups, built once per world object and reused by every request against it (the adapter keeps a
 * world for a while; the bench ranks many requests on one). Slots and bookings are sorted by start per provider
 * so a window is two binary searches, never a scan of every slot.
 */
export interface WorldIndex {
  readonly providers: ReadonlyMap<string, Provider>;
  readonly locations: ReadonlyMap<string, ClinicLocation>;
  readonly visitTypes: ReadonlyMap<string, VisitType>;
  /** Per provider, sorted by start then id. */
  readonly slotsByProvider: ReadonlyMap<string, readonly Slot[]>;
  /** Per provider, sorted by start. */
  readonly bookedByProvider: ReadonlyMap<string, readonly BookedVisit[]>;
  /** Per resource id, sorted by start. */
  readonly bookedByResource: ReadonlyMap<string, readonly BookedVisit[]>;
  /** Providers sorted by id: the order every loop uses, so results never depend on input order. */
  readonly providerOrder: readonly Provider[];
}

const cache = new WeakMap<SchedulingWorld, WorldIndex>();

export function indexWorld(world: SchedulingWorld): WorldIndex {
  const cached = cache.get(world);
  if (cached) return cached;
  const slotsByProvider = groupSorted(world.slots, (s) => s.providerId, (a, b) => a.start - b.start || cmp(a.id, b.id));
  const bookedByProvider = groupSorted(world.booked, (b) => b.providerId, byStart);
  const byResource = new Map<string, BookedVisit[]>();
  for (const b of world.booked) for (const r of b.resourceIds) push(byResource, r, b);
  for (const list of byResource.values()) list.sort(byStart);
  const index: WorldIndex = {
    providers: new Map(world.providers.map((p) => [p.id, p])),
    locations: new Map(world.locations.map((l) => [l.id, l])),
    visitTypes: new Map(world.visitTypes.map((v) => [v.id, v])),
    slotsByProvider,
    bookedByProvider,
    bookedByResource: byResource,
    providerOrder: [...world.providers].sort((a, b) => cmp(a.id, b.id)),
  };
  cache.set(world, index);
  return index;
}

/** First index whose start is >= `t` in a list sorted by start. */
export function lowerBound(list: readonly { readonly start: number }[], t: number): number {
  return firstIndexPast(list, t, false);
}

/** First index whose start is > `t`. */
export function upperBound(list: readonly { readonly start: number }[], t: number): number {
  return firstIndexPast(list, t, true);
}

function firstIndexPast(list: readonly { readonly start: number }[], t: number, orEqual: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = list[mid]!.start;
    if (s < t || (orEqual && s === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Plain code-unit order: locale-independent, so ties break the same on every workstation. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byStart(a: BookedVisit, b: BookedVisit): number {
  return a.start - b.start || cmp(a.appointmentId, b.appointmentId);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function groupSorted<T>(items: readonly T[], key: (item: T) => string, order: (a: T, b: T) => number): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) push(map, key(item), item);
  for (const list of map.values()) list.sort(order);
  return map;
}

/**
 * The same index with some providers and locations replaced (a closure added, a provider blocked): slots and
 * bookings are shared, so a what-if costs nothing like re-indexing hundreds of thousands of slots.
 */
export function withOverrides(index: WorldIndex, providers: readonly Provider[], locations: readonly ClinicLocation[]): WorldIndex {
  const providerMap = new Map(index.providers);
  for (const p of providers) providerMap.set(p.id, p);
  const locationMap = new Map(index.locations);
  for (const l of locations) locationMap.set(l.id, l);
  return {
    ...index,
    providers: providerMap,
    locations: locationMap,
    providerOrder: index.providerOrder.map((p) => providerMap.get(p.id)!),
  };
}
