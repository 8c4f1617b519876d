/** Tokens, clauses and a bounded spelling matcher. Pure: no DOM, no Node. */

export interface Token {
  /** Lowercase, apostrophes removed: "Can't" -> "cant". */
  readonly norm: string;
  /** As typed. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** Clause number: punctuation and scope-ending words ("but") start a new clause. */
  readonly clause: number;
  readonly isNumber: boolean;
}

const TOKEN = /\d+(?:\.\d+)?|[a-z]+(?:['\u2019][a-z]+)*/gi;
const CLAUSE_BREAK = /[.,;:!?()\n\r[\]{}]/;

export function normalizeWord(raw: string): string {
  return raw.toLowerCase().replace(/['\u2019]/g, '');
}

export function tokenize(text: string, scopeEnd: ReadonlySet<string> = new Set()): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let lastEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const raw = m[0];
    const norm = normalizeWord(raw);
    if (tokens.length > 0 && CLAUSE_BREAK.test(text.slice(lastEnd, start))) clause += 1;
    if (scopeEnd.has(norm)) clause += 1;
    tokens.push({ norm, raw, start, end: start + raw.length, clause, isNumber: /^\d/.test(raw) });
    lastEnd = start + raw.length;
  }
  return tokens;
}

/** Optimal string alignment distance (Damerau: one transposition counts 1), or max + 1 once it exceeds max. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Allowed distance for a typed word: none under 4 letters, 1 for 4-6, 2 for longer. */
export function maxDistanceFor(length: number): number {
  if (length < 4) return 0;
  return length <= 6 ? 1 : 2;
}

/**
 * Spelling correction over a fixed vocabulary. Candidates are bucketed by length and pre-filtered by shared
 * trigrams, so a typed word is compared with a handful of lexicon words, not all of them. A correction
 * keeps the first letter, and a 2-edit correction changes the length by at most one. Deterministic: ties go to the alphabetically first word.
 */
export class SpellingMatcher {
  private readonly vocabulary: ReadonlySet<string>;
  private readonly byTrigram = new Map<string, string[]>();
  private readonly cache = new Map<string, string | null>();

  constructor(words: Iterable<string>, private readonly doNotCorrect: ReadonlySet<string>) {
    const vocab = [...new Set(words)].filter((w) => w.length >= 4).sort();
    this.vocabulary = new Set(vocab);
    for (const w of vocab) {
      for (const g of trigrams(w)) {
        const list = this.byTrigram.get(g);
        if (list) list.push(w);
        else this.byTrigram.set(g, [w]);
      }
    }
  }

  get size(): number {
    return this.vocabulary.size;
  }

  /** The lexicon word this typed word was meant to be, or null. Exact lexicon words return themselves. */
  correct(word: string): string | null {
    if (this.vocabulary.has(word)) return word;
    const max = maxDistanceFor(word.length);
    if (max === 0 || this.doNotCorrect.has(word) || /\d/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const candidates = new Set<string>();
    for (const g of trigrams(word)) for (const w of this.byTrigram.get(g) ?? []) candidates.add(w);
    let best: string | null = null;
    let bestDistance = max + 1;
    for (const w of [...candidates].sort()) {
      if (w[0] !== word[0]) continue; // typists rarely miss the first letter; "feeding" must not become "bleeding"
      if (max === 2 && Math.abs(w.length - word.length) > 1) continue; // "forever" is not "fever"
      const d = boundedEditDistance(word, w, Math.min(max, bestDistance - 1 < 0 ? 0 : bestDistance - 1));
      if (d < bestDistance) {
        best = w;
        bestDistance = d;
      }
    }
    const result = bestDistance <= max ? best : null;
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }
}

/** Padded trigrams ("  w", " wo", ...), so short words and first letters still share grams. */
function trigrams(word: string): string[] {
  const padded = `  ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) out.push(padded.slice(i, i + 3));
  return out;
}
