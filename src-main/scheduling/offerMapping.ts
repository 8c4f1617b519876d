import type { OfferedVisit, SchedulingExclusion, SlotOffer, VisitTypeSummary } from '../../src-preload/contract';
import type { ClinicLocation, EngineExclusion, EngineOffer, Provider, SchedulingRules, VisitType } from './model';

/** Names and zones for ids: the engine speaks ids, the agent reads names. */
export interface NetworkNames {
  readonly providers: ReadonlyMap<string, Provider>;
  readonly locations: ReadonlyMap<string, ClinicLocation>;
}

export function networkNames(providers: readonly Provider[], locations: readonly ClinicLocation[]): NetworkNames {
  return { providers: new Map(providers.map((p) => [p.id, p])), locations: new Map(locations.map((l) => [l.id, l])) };
}

export function visitTypeSummary(visitType: VisitType, suggested?: boolean): VisitTypeSummary {
  return {
    id: visitType.id,
    label: visitType.label,
    durationMinutes: visitType.steps.reduce((sum, s) => sum + s.durationMinutes, 0),
    telehealth: visitType.telehealth,
    steps: visitType.steps.map((s) => s.label),
    ...(suggested === undefined ? {} : { suggested }),
  };
}

/** The rules' visit types, the disposition's suggestions first (the first suggestion is the default). */
export function visitTypesFor(rules: SchedulingRules, dispositionId: keyof SchedulingRules['dispositionVisitTypes'] | null): VisitTypeSummary[] {
  const suggested = dispositionId ? (rules.dispositionVisitTypes[dispositionId] ?? []) : [];
  const byId = new Map(rules.visitTypes.map((v) => [v.id, v]));
  const first = suggested.map((id) => byId.get(id)).filter((v): v is VisitType => v !== undefined);
  const rest = rules.visitTypes.filter((v) => !suggested.includes(v.id));
  return [...first.map((v) => visitTypeSummary(v, true)), ...rest.map((v) => visitTypeSummary(v, dispositionId ? false : undefined))];
}

export function toOfferedVisit(visit: EngineOffer['visits'][number], visitType: VisitType, names: NetworkNames): OfferedVisit {
  const location = names.locations.get(visit.locationId);
  const step = visitType.steps[visit.stepIndex];
  return {
    visitTypeId: visitType.id,
    visitTypeLabel: visitType.steps.length > 1 && step ? `${visitType.label}: ${step.label}` : visitType.label,
    start: visit.start,
    end: visit.end,
    slotIds: [...visit.slotIds],
    providerId: visit.providerId,
    providerName: names.providers.get(visit.providerId)?.name ?? 'Clinician',
    locationId: visit.locationId,
    locationName: location?.name ?? 'Clinic',
    timeZone: location?.timeZone ?? 'UTC',
    mode: visit.mode,
    resources: visit.resourceIds.map((id) => location?.resources.find((r) => r.id === id)?.name ?? 'Room'),
    distanceKm: visit.distanceKm === null ? null : Math.max(0, Math.round(visit.distanceKm * 10) / 10),
  };
}

export function toSlotOffer(offer: EngineOffer, rank: number, visitType: VisitType, names: NetworkNames): SlotOffer {
  return {
    offerId: offer.offerId,
    rank,
    score: offer.score,
    visits: offer.visits.map((v) => toOfferedVisit(v, visitType, names)),
    reasons: offer.reasons.length > 0 ? [...offer.reasons] : ['Meets every rule for this visit type'],
  };
}

/** The engine names subjects by id; the agent reads "Dr Kim" or "Lakeshore Clinic". */
export function toExclusion(exclusion: EngineExclusion, names: NetworkNames): SchedulingExclusion {
  const subject = exclusion.subject === null ? null : (names.providers.get(exclusion.subject)?.name ?? names.locations.get(exclusion.subject)?.name ?? exclusion.subject);
  return { rule: exclusion.rule, subject, message: exclusion.message, slots: exclusion.slots };
}

/** What the agent reads back to the caller once booked (times in the clinic's zone). */
export function confirmationScript(offer: SlotOffer): string {
  const parts = offer.visits.map((v) => {
    const when = new Date(v.start).toLocaleString('en-US', { timeZone: v.timeZone, weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
    const where = v.mode === 'telehealth' ? 'by video' : `at ${v.locationName}`;
    return `${v.visitTypeLabel} with ${v.providerName} ${where} on ${when} (clinic time)`;
  });
  const video = offer.visits.every((v) => v.mode === 'telehealth');
  const prepare = video ? 'You will get a link to join the video visit.' : 'Please arrive 10 minutes early and bring your insurance card.';
  return `You are booked: ${parts.join(', then ')}. ${prepare} To cancel or change it, call us back.`;
}
