import { cmp } from './worldIndex';

/** What orders candidates: higher score first, then earlier start, then provider id, then first slot id. */
export interface RankKey {
  readonly score: number;
  readonly start: number;
  readonly providerId: string;
  readonly firstSlotId: string;
}

/** Negative when `a` ranks before `b`. Total and deterministic: the same input always gives the same order. */
export function compareRank(a: RankKey, b: RankKey): number {
  return b.score - a.score || a.start - b.start || cmp(a.providerId, b.providerId) || cmp(a.firstSlotId, b.firstSlotId);
}

/**
 * Keeps the best `keep` candidates of a stream without sorting the whole stream: candidates accumulate up to
 * twice `keep`, then are sorted and cut back, and anything not better than the cut-off is refused before it is
 * even built. Amortized O(n log keep) for n candidates.
 */
export class BestCandidates<T extends RankKey> {
  private items: T[] = [];
  private floor: RankKey | null = null;

  constructor(private readonly keep: number) {}

  /** False when a candidate with this key would be cut anyway: the caller can skip building it. */
  accepts(key: RankKey): boolean {
    return this.floor === null || compareRank(key, this.floor) < 0;
  }

  /** The score a candidate must beat (or tie with an earlier start) to be kept; null until the list is full. */
  floorScore(): number | null {
    return this.floor === null ? null : this.floor.score;
  }

  add(item: T): void {
    if (!this.accepts(item)) return;
    this.items.push(item);
    if (this.items.length >= this.keep * 2) this.cut();
  }

  /** Best first. */
  sorted(): T[] {
    this.cut();
    return this.items;
  }

  private cut(): void {
    this.items.sort(compareRank);
    if (this.items.length > this.keep) {
      this.items.length = this.keep;
      this.floor = this.items[this.keep - 1]!;
    }
  }
}
