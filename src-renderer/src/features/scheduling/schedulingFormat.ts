import type { OfferedVisit, SlotOffer } from '../../../../src-preload/contract';
import { formatZonedTime } from '../../ui';

/**
 * Pure formatting for scheduling: times are read to the caller in the clinic's zone ("Mon, Mar 2, 10:20 AM"),
 * with the zone's name and "(clinic)" added whenever it differs from the agent's (ui/zonedTime.ts, the one
 * helper every time on screen goes through), because that is when an agent would otherwise read the wrong hour.
 */
export function formatClinicTime(epochMs: number, timeZone: string, workstationZone?: string): string {
  return formatZonedTime(epochMs, timeZone, { role: 'clinic', agentZone: workstationZone });
}

/** Time left on a hold: "4:05", "0:09"; "0:00" once expired. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Where a visit happens, as read to the caller. */
export function visitPlace(visit: OfferedVisit): string {
  return visit.mode === 'telehealth' ? 'Video visit' : visit.locationName;
}

export function formatDistance(km: number | null): string | null {
  if (km === null) return null;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} km`;
}

/** One line per offer for screen readers and the confirmation ("Mon, Mar 2, 10:20 AM · Dr. Kim · Main St"). */
export function offerSummary(offer: SlotOffer, workstationZone?: string): string {
  return offer.visits
    .map((v) => `${formatClinicTime(v.start, v.timeZone, workstationZone)} · ${v.providerName} · ${visitPlace(v)}`)
    .join(' then ');
}

/** True when any visit of the offer starts after the disposition's window (booking it needs a nurse's reason). */
export function isOutsideWindow(offer: SlotOffer, window: { readonly to: number }): boolean {
  return offer.visits.some((v) => v.start > window.to);
}

/** A date input's value (YYYY-MM-DD, local day) to epoch ms at the start of that day; null when invalid. */
export function dayStartFromInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/** Epoch ms to a date input's value (local day). */
export function inputFromEpoch(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "Mar 2 – Mar 12" in the workstation's zone, for waitlist ranges and plans. */
export function formatDayRange(from: number, to: number): string {
  const f = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
  return `${f.format(from)} – ${f.format(to)}`;
}
