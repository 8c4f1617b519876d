/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Hands out unique fictional US phone numbers in E.164 form, +1 AAA 555 XXXX, with a real area code of the
 * right state. The 555 exchange is the one the North American Numbering Plan keeps out of subscriber use
 * for fiction; we also skip 555-1212 (directory assistance) and 555-4334 (reserved) so that no generated
 * number reaches a real service. Uniqueness matters: the phone a household shares is the screen-pop key.
 */

/** Line numbers per area code: 1999 and 2000-9999 except 4334 (1000-1998 left out, 1212 among them). */
const LINES_PER_AREA_CODE = 8000;
/** Multiplier of the line permutation; odd and not a multiple of 5, so coprime with 8000 (a bijection). */
const PERMUTATION_STEP = 3037;

export class PhoneAllocator {
  private readonly used = new Map<number, number>();

  /** @param offset per-seed shift of the permutation, so two seeds do not give the same first numbers */
  constructor(private readonly offset: number) {}

  /**
   * The next unused number, from the first area code in `preferred` that has numbers left, else from
   * `fallback`. Throws when every code is exhausted (millions of households), rather than repeat a number.
   */
  allocate(preferred: readonly number[], fallback: readonly number[] = []): string {
    for (const areaCode of [...preferred, ...fallback]) {
      const count = this.used.get(areaCode) ?? 0;
      if (count < LINES_PER_AREA_CODE) {
        this.used.set(areaCode, count + 1);
        return `+1${areaCode}555${lineNumber(count, this.offset + areaCode)}`;
      }
    }
    throw new RangeError(`No fictional 555 numbers left in area codes ${[...preferred, ...fallback].join(', ')}.`);
  }
}

/** The `index`-th line number of an area code: a fixed permutation so numbers do not look sequential. */
function lineNumber(index: number, shift: number): string {
  const slot = (index * PERMUTATION_STEP + shift) % LINES_PER_AREA_CODE; // 0..7999, distinct for distinct index
  const line = 1999 + slot; // 1999..9998
  return String(line >= 4334 ? line + 1 : line); // skip 4334: 1999..4333, 4335..9999
}
