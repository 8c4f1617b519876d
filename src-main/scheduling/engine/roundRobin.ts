import type { Provider } from '../model';
import type { WorldIndex } from './worldIndex';
import { lowerBound } from './worldIndex';

/** New patients booked in this period around now count towards a provider's share. */
export const ROUND_ROBIN_PERIOD_MS = 30 * 86_400_000;

/**
 * Round robin for new patients: for each provider accepting them, how far below the busiest one it is in new
 * patients booked over the recent period, as a fraction (1 = none booked while another has the most, 0 = the
 * busiest or all equal). The ranking multiplies it by the round-robin weight, so new patients drift towards
 * whoever has had fewest, without overriding continuity or the caller's wishes.
 */
export function newPatientShares(index: WorldIndex, providers: readonly Provider[], now: number): Map<string, number> {
  const counts = new Map<string, number>();
  let most = 0;
  for (const p of providers) {
    if (!p.acceptsNewPatients) continue;
    const booked = index.bookedByProvider.get(p.id) ?? [];
    let n = 0;
    for (let i = lowerBound(booked, now - ROUND_ROBIN_PERIOD_MS); i < booked.length && booked[i]!.start <= now + ROUND_ROBIN_PERIOD_MS; i++) {
      if (booked[i]!.newPatient) n += 1;
    }
    counts.set(p.id, n);
    most = Math.max(most, n);
  }
  const shares = new Map<string, number>();
  for (const [id, n] of counts) shares.set(id, most === 0 ? 0 : (most - n) / most);
  return shares;
}
