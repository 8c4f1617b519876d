import type { BlockedPeriod, EngineOffer, SchedulingRequest, SchedulingWorld } from '../../model';

/**
 * For property tests: every hard rule an offer breaks, checked independently of the engine (its own reading of
 * wall clocks through Intl, its own distance, local periods read minute by minute), so a bug in the engine's
 * rules cannot hide behind the same bug in the check.
 */

const formats = new Map<string, Intl.DateTimeFormat>();
/** The wall clock the slow, obvious way. */
/** "2026-12-09T13:00": the clinic's wall clock at an instant, read by Intl. */
export function wallText(ms: number, timeZone: string): string {
  const w = wall(ms, timeZone);
  return `${w.day}T${String(Math.floor(w.minutes / 60)).padStart(2, '0')}:${String(w.minutes % 60).padStart(2, '0')}`;
}

/**
 * A visit [start, end) touches the period: instants overlap, or (a local period) some minute of the visit reads,
 * on the clinic's wall clock, inside [localStart, localEnd). Minute by minute: slow and obviously right.
 */
export function insidePeriod(period: BlockedPeriod, timeZone: string, v: { start: number; end: number }): boolean {
  if (!('localStart' in period)) return overlaps(period, v);
  for (let t = v.start; t < v.end; t += 60_000) {
    const local = wallText(t, timeZone);
    if (local >= period.localStart && local < period.localEnd) return true;
  }
  return false;
}

export function wall(ms: number, timeZone: string): { day: string; weekday: string; minutes: number } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: p.weekday!.toLowerCase(), minutes: Number(p.hour) * 60 + Number(p.minute) };
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const toRad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * toRad) / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(((b.lon - a.lon) * toRad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** Every hard rule an offer breaks, in words (empty = none). */
export function violations(world: SchedulingWorld, request: SchedulingRequest, offer: EngineOffer): string[] {
  const out: string[] = [];
  const vt = world.visitTypes.find((v) => v.id === request.visitTypeId)!;
  const { patient, preferences } = request;
  if (offer.visits.length !== vt.steps.length) out.push('wrong number of visits');
  offer.visits.forEach((v, k) => {
    const step = vt.steps[k]!;
    const p = world.providers.find((x) => x.id === v.providerId)!;
    const loc = world.locations.find((x) => x.id === v.locationId)!;
    const bad = (rule: string) => out.push(`visit ${k}: ${rule}`);
    if (v.stepIndex !== k) bad('step order');
    if (k === 0 && (v.start < request.window.from || v.start > request.window.to)) bad('outside window');
    if (v.start < request.now) bad('in the past');
    if (k > 0) {
      const gap = v.start - offer.visits[k - 1]!.end;
      if (gap < (step.minGapMinutes ?? 0) * 60_000) bad('gap too short');
      if (step.maxGapMinutes !== undefined && gap > step.maxGapMinutes * 60_000) bad('gap too long');
    }
    if (v.end - v.start !== step.durationMinutes * 60_000) bad('duration');
    // Slots: this provider and place, contiguous from start to end, each bookable for this visit type.
    const slots = v.slotIds.map((id) => world.slots.find((s) => s.id === id)!);
    if (slots.some((s) => !s)) bad('unknown slot');
    if (slots[0]!.start !== v.start || slots[slots.length - 1]!.end < v.end) bad('slots do not cover the visit');
    slots.forEach((s, i) => {
      if (s.providerId !== p.id || s.locationId !== loc.id) bad('slot of someone else');
      if (i > 0 && s.start !== slots[i - 1]!.end) bad('slots not contiguous');
      const heldNow = s.heldUntil != null && s.heldUntil > request.now;
      const ok = (s.status === 'free' && !heldNow) || (s.status === 'busy-tentative' && s.heldUntil != null && !heldNow);
      if (!ok) bad(`slot ${s.status}${heldNow ? ' held' : ''}`);
      if (s.visitTypeIds && s.visitTypeIds.length > 0 && !s.visitTypeIds.includes(vt.id)) bad('slot reserved');
    });
    if (step.providerIds && !step.providerIds.includes(p.id)) bad('provider not listed');
    if (step.specialties && !step.specialties.some((x) => p.specialties.includes(x))) bad('specialty');
    if (step.locationIds && !step.locationIds.includes(loc.id)) bad('location not allowed');
    const w = wall(v.start, loc.timeZone);
    const endMinutes = w.minutes + step.durationMinutes;
    if (!loc.hours.some((h) => h.days.includes(w.weekday as never) && toMinutes(h.open) <= w.minutes && endMinutes <= toMinutes(h.close))) bad('closed hours');
    if (loc.closures.some((c) => insidePeriod(c, loc.timeZone, v))) bad('closure');
    if (p.blocked.some((b) => insidePeriod(b, loc.timeZone, v))) bad('blocked');
    if (p.acceptedPlans !== 'any' && (patient.planCode === null || !p.acceptedPlans.includes(patient.planCode))) bad('insurance');
    const inRange = (r: { minYears: number | null; maxYears: number | null } | undefined) =>
      !r || ((r.minYears === null || patient.ageYears >= r.minYears) && (r.maxYears === null || patient.ageYears < r.maxYears));
    if (!inRange(p.ageRange) || !inRange(vt.ageRange)) bad('age');
    const isNew = !patient.seenProviderIds.includes(p.id) && !patient.pcpProviderIds.includes(p.id);
    if (isNew && !p.acceptsNewPatients) bad('not taking new patients');
    if (vt.patients === 'new-only' && !isNew) bad('new only');
    if (vt.patients === 'established-only' && isNew) bad('established only');
    if (vt.telehealth === 'only' && (v.mode !== 'telehealth' || !p.telehealth || preferences.telehealthOk === false)) bad('video only');
    if (vt.telehealth === 'never' && v.mode !== 'in-person') bad('video never');
    if (v.mode === 'telehealth' && !p.telehealth) bad('video without provider');
    // Rooms: one distinct, tagged, free resource at the location per requirement.
    const needs = step.requiredResources ?? [];
    if (v.resourceIds.length !== needs.length || new Set(v.resourceIds).size !== needs.length) bad('resources count');
    needs.forEach((need, i) => {
      const res = loc.resources.find((r) => r.id === v.resourceIds[i]);
      if (!res || res.kind !== need.kind || !res.tags.includes(need.tag)) bad('resource not fit');
      if (world.booked.some((b) => b.resourceIds.includes(v.resourceIds[i]!) && overlaps(b, v))) bad('resource busy');
    });
    if (v.mode === 'in-person' && preferences.maxDistanceKm !== undefined && patient.home && loc.centroid && km(patient.home, loc.centroid) > preferences.maxDistanceKm + 1e-9) bad('too far');
    for (const limit of p.limits) {
      if (limit.counts === 'new-patients' && !isNew) continue;
      if (limit.visitTypeIds && !limit.visitTypeIds.includes(vt.id)) continue;
      if (limit.days && !limit.days.includes(w.weekday as never)) continue;
      const half = (m: number) => (m < 720 ? 'morning' : 'afternoon');
      if (limit.per !== 'day' && limit.per !== half(w.minutes)) continue;
      const count = world.booked.filter((b) => {
        if (b.providerId !== p.id) return false;
        if (limit.counts === 'new-patients' && !b.newPatient) return false;
        if (limit.visitTypeIds && !limit.visitTypeIds.includes(b.visitTypeId)) return false;
        const bw = wall(b.start, loc.timeZone);
        return bw.day === w.day && (limit.per === 'day' || half(bw.minutes) === limit.per);
      }).length;
      if (count >= limit.max) bad(`limit ${limit.per} ${count}/${limit.max}`);
    }
  });
  return out;
}

