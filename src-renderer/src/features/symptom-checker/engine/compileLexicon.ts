import { LexiconSchema, type LexiconData, type LexiconFinding, type QuestionFindings } from './lexiconSchema';
import type { MatchKind } from './types';
import { normalizeWord, SpellingMatcher } from './text';

/** One word of a compiled pattern; WILDCARD matches up to two words of any kind. */
export const WILDCARD = '*';
export const WILDCARD_MAX = 2;

export interface PatternWord {
  readonly norm: string;
  /** For case-sensitive abbreviations: the exact text expected. */
  readonly raw: string | null;
}

export interface Pattern {
  readonly words: readonly (PatternWord | typeof WILDCARD)[];
  /** Number of fixed words: longer patterns are preferred. */
  readonly length: number;
  readonly target: string;
  readonly kind: MatchKind;
}

export type CueKind = 'negation' | 'uncertainty' | 'negationAfter';

export interface CompiledLexicon {
  readonly id: string;
  readonly version: string;
  readonly notice: string;
  readonly findings: ReadonlyMap<string, LexiconFinding>;
  /** First word -> patterns starting with it, longest first. */
  readonly findingIndex: ReadonlyMap<string, readonly Pattern[]>;
  readonly cueIndex: ReadonlyMap<string, readonly Pattern[]>;
  readonly scopeEnd: ReadonlySet<string>;
  readonly negationScopeEnd: ReadonlySet<string>;
  readonly numericTriggers: ReadonlySet<string>;
  readonly spelling: SpellingMatcher;
  readonly questionFindings: ReadonlyMap<string, QuestionFindings>;
  readonly redFlagScreenIds: ReadonlySet<string>;
  readonly stats: { readonly findings: number; readonly patterns: number; readonly vocabulary: number };
}

export class LexiconError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`The lexicon is not valid: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`);
    this.name = 'LexiconError';
  }
}

/** Split a term into pattern words the same way text is tokenized ("can't catch * breath", "n/v"). */
export function compilePattern(term: string, target: string, kind: MatchKind, caseSensitive = false): Pattern {
  const words: (PatternWord | typeof WILDCARD)[] = [];
  for (const part of term.trim().split(/\s+/)) {
    if (part === WILDCARD) {
      words.push(WILDCARD);
      continue;
    }
    for (const m of part.matchAll(/\d+(?:\.\d+)?|[a-z]+(?:['\u2019][a-z]+)*/gi)) {
      words.push({ norm: normalizeWord(m[0]), raw: caseSensitive ? m[0] : null });
    }
  }
  return { words, length: words.filter((w) => w !== WILDCARD).length, target, kind };
}

function addPattern(index: Map<string, Pattern[]>, p: Pattern): void {
  const first = p.words[0];
  if (first === undefined || first === WILDCARD) return;
  const list = index.get(first.norm);
  if (list) list.push(p);
  else index.set(first.norm, [p]);
}

function sortIndex(index: Map<string, Pattern[]>): void {
  for (const list of index.values()) list.sort((a, b) => b.length - a.length || b.words.length - a.words.length);
}

/** Validate lexicon data (throws LexiconError with readable issues) and precompute its indexes once. */
export function compileLexicon(data: unknown): CompiledLexicon {
  const parsed = LexiconSchema.safeParse(data);
  if (!parsed.success) {
    throw new LexiconError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return buildIndexes(parsed.data);
}

function buildIndexes(lex: LexiconData): CompiledLexicon {
  const findingIndex = new Map<string, Pattern[]>();
  const cueIndex = new Map<string, Pattern[]>();
  const vocabulary: string[] = [];
  let patterns = 0;
  for (const f of lex.findings) {
    for (const term of f.terms) {
      const p = compilePattern(term, f.id, 'term');
      addPattern(findingIndex, p);
      patterns += 1;
      for (const w of p.words) if (w !== WILDCARD) vocabulary.push(w.norm);
    }
    for (const a of f.abbreviations) {
      addPattern(findingIndex, compilePattern(a.text, f.id, 'abbreviation', a.caseSensitive));
      patterns += 1;
    }
  }
  const cueKinds: readonly CueKind[] = ['negation', 'uncertainty', 'negationAfter'];
  for (const kind of cueKinds) {
    for (const term of lex.cues[kind]) {
      // Cue words are matched as typed, never by spelling correction: a false "denied" would hide a symptom.
      addPattern(cueIndex, compilePattern(term, kind, 'term'));
    }
  }
  vocabulary.push(...lex.numericTriggers);
  sortIndex(findingIndex);
  sortIndex(cueIndex);
  const spelling = new SpellingMatcher(vocabulary, new Set(lex.doNotCorrect));
  return {
    id: lex.id,
    version: lex.version,
    notice: lex.notice,
    findings: new Map(lex.findings.map((f) => [f.id, f])),
    findingIndex,
    cueIndex,
    scopeEnd: new Set(lex.cues.scopeEnd),
    negationScopeEnd: new Set(lex.cues.negationScopeEnd),
    numericTriggers: new Set(lex.numericTriggers),
    spelling,
    questionFindings: new Map(Object.entries(lex.questionFindings)),
    redFlagScreenIds: new Set(lex.redFlagScreenIds),
    stats: { findings: lex.findings.length, patterns, vocabulary: spelling.size },
  };
}
