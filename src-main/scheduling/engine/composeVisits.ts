import type { Slot } from '../model';
import { isSlotAvailable, slotServesVisitType } from './hardRules';
import { lowerBound } from './worldIndex';

export type CompositionFailure = 'taken' | 'reserved' | 'consecutive';

/**
 * The slots a visit of `durationMs` starting on `list[i]` occupies: that slot, then the next ones of the same
 * provider at the same location, each starting exactly where the previous ended, all free and open to this
 * visit type (a 40-minute new-patient visit on a 20-minute schedule takes two). `list` is one provider's slots
 * sorted by start.
 */
export function consecutiveSlots(
  list: readonly Slot[],
  i: number,
  durationMs: number,
  visitTypeId: string,
  now: number,
): readonly Slot[] | CompositionFailure {
  const first = list[i]!;
  if (!isSlotAvailable(first, now)) return 'taken';
  if (!slotServesVisitType(first, visitTypeId)) return 'reserved';
  const until = first.start + durationMs;
  if (first.end >= until) return [first];
  const slots: Slot[] = [first];
  let reached = first.end;
  while (reached < until) {
    let next: Slot | null = null;
    // Several schedules can offer a slot at the same instant: take the first that fits, in id order.
    for (let k = lowerBound(list, reached); k < list.length && list[k]!.start === reached; k++) {
      const s = list[k]!;
      if (s.locationId === first.locationId && isSlotAvailable(s, now) && slotServesVisitType(s, visitTypeId)) {
        next = s;
        break;
      }
    }
    if (!next) return 'consecutive';
    slots.push(next);
    reached = next.end;
  }
  return slots;
}
