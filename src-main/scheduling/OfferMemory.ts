/**
 * The offers (and holds) of the last searches, bounded (oldest forgotten first): an offer id is only good for a while,
 * and a forgotten one answers "search again", never a wrong slot.
 */
export class OfferMemory<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly max: number = 500) {}

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  values(): IterableIterator<T> {
    return this.entries.values();
  }
}
