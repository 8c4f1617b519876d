import type { DispositionRule, Protocol } from '../../../../../src-preload/contract';
import { WILDCARD, WILDCARD_MAX, type CompiledLexicon, type Pattern } from './compileLexicon';
import type { QuestionFindings } from './lexiconSchema';
import { tokenize, type Token } from './text';
import type {
  Duration,
  DurationUnit,
  Evidence,
  Finding,
  FindingStatus,
  MatchKind,
  Mention,
  PreAnswer,
  ProtocolReason,
  QuestionRef,
  RankedProtocol,
  RedFlag,
  SymptomCheck,
  TemperatureValue,
  WithheldAnswer,
} from './types';

export interface CheckSymptomsOptions {
  /** Only these protocols are ranked or pre-answered; lexicon ids for protocols not installed are skipped. */
  readonly installedProtocolIds: readonly string[];
  /** The protocol content, when known: adds each question's own `findings`, its text, and its urgency. */
  readonly protocols?: readonly Protocol[];
}

/** Dispositions so urgent that no question leading to them is ever pre-answered "no". */
const EMERGENCY_DISPOSITIONS: ReadonlySet<string> = new Set(['call-911', 'ed-now']);
/** Temperature at or above which a reading implies a fever (38.0 °C / 100.4 °F). */
const FEVER_CELSIUS = 38;
/** Longest input examined: a typed note, not a document. Evidence beyond it is not produced. */
export const MAX_INPUT_CHARS = 5000;

interface RawMatch {
  readonly target: string;
  readonly from: number;
  /** Exclusive token index. */
  readonly to: number;
  readonly kind: MatchKind;
}

interface RawMention {
  readonly findingId: string;
  readonly from: number;
  readonly to: number;
  readonly clause: number;
  readonly evidence: Evidence;
  readonly status: FindingStatus;
  readonly matchedBy: MatchKind;
  readonly cue: Evidence | null;
  readonly value?: TemperatureValue;
  duration?: Duration;
}

/**
 * Findings, red flags, ranked protocols and pre-answers from what the caller said. Pure and deterministic:
 * the same text and lexicon give the same result; it never throws on any string.
 */
export function checkSymptoms(text: string, lexicon: CompiledLexicon, options: CheckSymptomsOptions): SymptomCheck {
  const input = text.length > MAX_INPUT_CHARS ? text.slice(0, MAX_INPUT_CHARS) : text;
  const tokens = tokenize(input, lexicon.scopeEnd);
  const canon = tokens.map((t) => (t.isNumber ? t.norm : (lexicon.spelling.correct(t.norm) ?? t.norm)));
  const spelled = tokens.map((t, i) => !t.isNumber && canon[i] !== t.norm);

  // 1. Finding terms, longest match first, left to right, no overlaps.
  const covered = new Array<boolean>(tokens.length).fill(false);
  const matches: RawMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = longestMatch(lexicon.findingIndex, tokens, canon, spelled, i, covered);
    if (m) {
      matches.push(m);
      for (let k = m.from; k < m.to; k += 1) covered[k] = true;
      i = m.to;
    } else i += 1;
  }

  // 2. Cues (negation, uncertainty) in words not already part of a finding ("not breathing" is a finding).
  const cues: RawMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const m = covered[i] ? null : longestMatch(lexicon.cueIndex, tokens, canon, spelled, i, covered);
    if (m) {
      cues.push(m);
      i = m.to;
    } else i += 1;
  }

  const span = (from: number, to: number): Evidence => {
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    return { text: input.slice(start, end), start, end };
  };
  const statusAt = (from: number, to: number): { status: FindingStatus; cue: Evidence | null } => {
    const clause = tokens[from]!.clause;
    let nearest: RawMatch | null = null;
    for (const c of cues) {
      if (c.target === 'negationAfter' || c.to > from || tokens[c.from]!.clause !== clause) continue;
      if (!nearest || c.to > nearest.to) nearest = c;
    }
    if (nearest && nearest.target === 'negation') {
      let ended = false;
      // "and [she] has ..." starts a new statement; "doesn't seem to have a fever" does not.
      for (let k = nearest.to; k < from; k += 1) {
        if (tokens[k]!.norm !== 'and') continue;
        for (let j = k + 1; j <= k + 2 && j < from; j += 1) if (lexicon.negationScopeEnd.has(tokens[j]!.norm)) ended = true;
      }
      if (!ended) return { status: 'absent', cue: span(nearest.from, nearest.to) };
    } else if (nearest) return { status: 'uncertain', cue: span(nearest.from, nearest.to) };
    const after = cues.find((c) => c.target === 'negationAfter' && c.from >= to && c.from - to <= 2 && tokens[c.from]!.clause === clause);
    if (after) return { status: 'absent', cue: span(after.from, after.to) };
    return { status: 'present', cue: null };
  };

  const mentions: RawMention[] = matches.map((m) => ({
    findingId: m.target,
    from: m.from,
    to: m.to,
    clause: tokens[m.from]!.clause,
    evidence: span(m.from, m.to),
    matchedBy: m.kind,
    ...statusAt(m.from, m.to),
  }));

  // 3. Temperatures ("temp 102", "38.9 C", "fever of 101.5 degrees").
  for (const t of temperatures(tokens, canon, lexicon.numericTriggers)) {
    const st = statusAt(t.from, t.to);
    const evidence = span(t.from, t.to);
    if (lexicon.findings.has('temperature')) {
      mentions.push({ findingId: 'temperature', from: t.from, to: t.to, clause: tokens[t.from]!.clause, evidence, matchedBy: 'number', value: t.value, ...st });
    }
    if (t.value.celsius >= FEVER_CELSIUS && st.status !== 'absent' && lexicon.findings.has('fever')) {
      mentions.push({ findingId: 'fever', from: t.from, to: t.to, clause: tokens[t.from]!.clause, evidence, matchedBy: 'number', ...st });
    }
  }

  // 4. Durations, attached to the findings of their clause (or of the nearest earlier clause that has some).
  const durations = findDurations(tokens, canon, input);
  for (const d of durations) {
    const clause = d.clause;
    let target = mentions.filter((m) => m.clause === clause && m.status !== 'absent');
    if (target.length === 0) {
      const earlier = mentions.filter((m) => m.clause < clause && m.status !== 'absent').map((m) => m.clause);
      if (earlier.length > 0) {
        const c = Math.max(...earlier);
        target = mentions.filter((m) => m.clause === c && m.status !== 'absent');
      }
    }
    for (const m of target) if (!m.duration) m.duration = d.duration;
  }

  const findings = mergeFindings(mentions, lexicon);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const installed = new Set(options.installedProtocolIds);
  const protocolsById = new Map((options.protocols ?? []).map((p) => [p.id, p]));
  const questionMap = questionFindingsFor(lexicon, installed, protocolsById);

  return {
    text: input,
    findings,
    redFlags: raiseRedFlags(findings, questionMap),
    protocols: rankProtocols(findings, lexicon, installed, protocolsById),
    ...preAnswer(byId, questionMap, lexicon),
    durations: durations.map((d) => d.duration),
  };
}

function longestMatch(
  index: ReadonlyMap<string, readonly Pattern[]>,
  tokens: readonly Token[],
  canon: readonly string[],
  spelled: readonly boolean[],
  at: number,
  covered: readonly boolean[],
): RawMatch | null {
  const candidates = index.get(canon[at]!) ?? (canon[at] !== tokens[at]!.norm ? index.get(tokens[at]!.norm) : undefined);
  if (!candidates) return null;
  let best: RawMatch | null = null;
  let bestSpelled = Infinity;
  for (const p of candidates) {
    const to = matchFrom(p, 0, at, tokens, canon, covered, tokens[at]!.clause);
    if (to < 0) continue;
    let nSpelled = 0;
    for (let k = at; k < to; k += 1) if (spelled[k]) nSpelled += 1;
    if (!best || to > best.to || (to === best.to && nSpelled < bestSpelled)) {
      const kind: MatchKind = p.kind === 'term' && nSpelled > 0 ? 'spelling' : p.kind;
      best = { target: p.target, from: at, to, kind };
      bestSpelled = nSpelled;
    }
  }
  return best;
}

/** Match pattern words from index w against tokens from t; returns the exclusive end token, or -1. */
function matchFrom(
  p: Pattern,
  w: number,
  t: number,
  tokens: readonly Token[],
  canon: readonly string[],
  covered: readonly boolean[],
  clause: number,
): number {
  if (w === p.words.length) return t;
  const word = p.words[w]!;
  if (word === WILDCARD) {
    for (let skip = 0; skip <= WILDCARD_MAX; skip += 1) {
      const end = matchFrom(p, w + 1, t + skip, tokens, canon, covered, clause);
      if (end >= 0) return end;
      const tok = tokens[t + skip];
      if (!tok || tok.clause !== clause || covered[t + skip]) break;
    }
    return -1;
  }
  const tok = tokens[t];
  if (!tok || tok.clause !== clause || covered[t]) return -1;
  if (word.raw !== null) {
    if (tok.raw !== word.raw) return -1;
  } else if (canon[t] !== word.norm && tok.norm !== word.norm) return -1;
  return matchFrom(p, w + 1, t + 1, tokens, canon, covered, clause);
}

const TEMP_UNITS: Readonly<Record<string, 'F' | 'C' | 'deg'>> = {
  f: 'F',
  fahrenheit: 'F',
  farenheit: 'F',
  c: 'C',
  celsius: 'C',
  centigrade: 'C',
  degrees: 'deg',
  degree: 'deg',
  deg: 'deg',
};

function temperatures(
  tokens: readonly Token[],
  canon: readonly string[],
  triggers: ReadonlySet<string>,
): { from: number; to: number; value: TemperatureValue }[] {
  const out: { from: number; to: number; value: TemperatureValue }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    if (!tok.isNumber) continue;
    const value = Number(tok.norm);
    let to = i + 1;
    let unit: 'F' | 'C' | null = null;
    const next = tokens[i + 1];
    if (next && next.clause === tok.clause && TEMP_UNITS[next.norm] !== undefined) {
      const u = TEMP_UNITS[next.norm]!;
      to = i + 2;
      if (u === 'deg') {
        const after = tokens[i + 2];
        const u2 = after && after.clause === tok.clause ? TEMP_UNITS[after.norm] : undefined;
        if (u2 === 'F' || u2 === 'C') {
          unit = u2;
          to = i + 3;
        }
      } else unit = u;
    }
    const hasUnitWord = to > i + 1;
    let from = i;
    for (let k = i - 1; k >= Math.max(0, i - 3); k -= 1) {
      if (tokens[k]!.clause !== tok.clause) break;
      if (triggers.has(canon[k]!)) {
        from = k;
        break;
      }
    }
    if (!hasUnitWord && from === i) continue;
    const inferred = unit === null;
    const resolved = unit ?? (value >= 90 && value <= 110 ? 'F' : value >= 34 && value <= 43 ? 'C' : null);
    if (resolved === null) continue;
    if (resolved === 'F' && !(value >= 86 && value <= 113)) continue;
    if (resolved === 'C' && !(value >= 30 && value <= 45)) continue;
    const celsius = resolved === 'C' ? value : ((value - 32) * 5) / 9;
    const fahrenheit = resolved === 'F' ? value : (value * 9) / 5 + 32;
    out.push({
      from,
      to,
      value: { kind: 'temperature', value, unit: resolved, unitInferred: inferred, celsius: round1(celsius), fahrenheit: round1(fahrenheit) },
    });
    i = to - 1;
  }
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, twenty: 20, thirty: 30, couple: 2, few: 3, several: 3,
};
const UNIT_WORDS: Readonly<Record<string, DurationUnit>> = {
  min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour', h: 'hour',
  day: 'day', days: 'day', d: 'day',
  wk: 'week', wks: 'week', week: 'week', weeks: 'week',
  month: 'month', months: 'month', mo: 'month',
  year: 'year', years: 'year', yr: 'year', yrs: 'year',
};
const UNIT_HOURS: Readonly<Record<DurationUnit, number>> = { minute: 1 / 60, hour: 1, day: 24, week: 168, month: 730, year: 8760 };
const SINCE_WORDS: Readonly<Record<string, number | null>> = {
  yesterday: 24, today: 6, tonight: 2, morning: 6, night: 12, week: 168, weekend: 72,
  monday: null, tuesday: null, wednesday: null, thursday: null, friday: null, saturday: null, sunday: null,
};
const FREQUENCY_BEFORE = new Set(['once', 'twice', 'times', 'per', 'every', 'each']);

function findDurations(tokens: readonly Token[], canon: readonly string[], input: string): { clause: number; duration: Duration }[] {
  const out: { clause: number; duration: Duration }[] = [];
  const make = (from: number, to: number, d: Omit<Duration, 'text' | 'start' | 'end'>) => {
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    out.push({ clause: tokens[from]!.clause, duration: { text: input.slice(start, end), start, end, ...d } });
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const tok = tokens[i]!;
    const same = (k: number) => tokens[k] !== undefined && tokens[k]!.clause === tok.clause;
    // "since yesterday", "since last night", "since this morning", "since Monday", "started yesterday"
    if ((tok.norm === 'since' || tok.norm === 'started' || tok.norm === 'began') && same(i + 1)) {
      let k = i + 1;
      if ((tokens[k]!.norm === 'last' || tokens[k]!.norm === 'this') && same(k + 1)) k += 1;
      const w = tokens[k]!.norm;
      if (w in SINCE_WORDS) {
        make(i, k + 1, { hours: SINCE_WORDS[w]!, amount: null, unit: null, since: input.slice(tokens[i + 1]!.start, tokens[k]!.end) });
        i = k;
        continue;
      }
    }
    // "3 days", "for two weeks", "a couple of days", "past 48 hrs", "2 days ago"
    const amount = tok.isNumber ? Number(tok.norm) : NUMBER_WORDS[tok.norm];
    if (amount === undefined || !Number.isFinite(amount)) continue;
    let k = i + 1;
    if (tok.norm === 'a' && same(k) && (tokens[k]!.norm === 'couple' || tokens[k]!.norm === 'few')) continue; // counted at "couple"
    if (same(k) && tokens[k]!.norm === 'of') k += 1;
    if (!same(k)) continue;
    const unit = UNIT_WORDS[tokens[k]!.norm] ?? UNIT_WORDS[canon[k]!];
    if (!unit) continue;
    if (i > 0 && FREQUENCY_BEFORE.has(tokens[i - 1]!.norm)) continue;
    if (same(k + 1) && (tokens[k + 1]!.norm === 'old' || tokens[k + 1]!.norm === 'per')) continue; // an age, a rate
    let from = i;
    if (i > 0 && tokens[i - 1]!.clause === tok.clause) {
      const before = tokens[i - 1]!.norm;
      if (before === 'for' || before === 'past' || before === 'last' || before === 'over' || before === 'about') from = i - 1;
      else if ((before === 'a' || before === 'the') && (tok.norm === 'couple' || tok.norm === 'few')) {
        from = i - 1;
        if (i > 1 && tokens[i - 2]!.clause === tok.clause && ['for', 'past', 'last', 'over'].includes(tokens[i - 2]!.norm)) from = i - 2;
      }
    }
    let to = k + 1;
    if (same(to) && tokens[to]!.norm === 'ago') to += 1;
    make(from, to, { hours: amount * UNIT_HOURS[unit], amount, unit, since: null });
    i = to - 1;
  }
  return out;
}

function mergeFindings(mentions: readonly RawMention[], lexicon: CompiledLexicon): Finding[] {
  const groups = new Map<string, RawMention[]>();
  for (const m of [...mentions].sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end)) {
    const g = groups.get(m.findingId);
    if (g) g.push(m);
    else groups.set(m.findingId, [m]);
  }
  const out: Finding[] = [];
  for (const [id, group] of groups) {
    const def = lexicon.findings.get(id);
    if (!def) continue;
    const statuses = new Set(group.map((m) => m.status));
    const status: FindingStatus =
      statuses.has('present') && statuses.has('absent')
        ? 'uncertain' // the caller said both: the agent must ask
        : statuses.has('present')
          ? 'present'
          : statuses.has('uncertain')
            ? 'uncertain'
            : 'absent';
    const lead = group.find((m) => m.status === status) ?? group[0]!;
    const value = group.find((m) => m.value)?.value;
    const duration = group.find((m) => m.duration)?.duration;
    out.push({
      id,
      label: def.label,
      status,
      evidence: lead.evidence,
      redFlag: def.redFlag,
      matchedBy: lead.matchedBy,
      mentions: group.map((m): Mention => ({ status: m.status, evidence: m.evidence, matchedBy: m.matchedBy, cue: m.cue })),
      ...(value ? { value } : {}),
      ...(duration ? { duration } : {}),
    });
  }
  return out.sort((a, b) => a.evidence.start - b.evidence.start || a.id.localeCompare(b.id));
}

interface QuestionEntry {
  readonly ref: QuestionRef;
  readonly rule: QuestionFindings;
  readonly onYes: DispositionRule | null;
  readonly redFlagScreen: boolean;
}

/** The lexicon's protocolId/questionId map, overridden by a question's own `findings` in protocol content. */
function questionFindingsFor(
  lexicon: CompiledLexicon,
  installed: ReadonlySet<string>,
  protocols: ReadonlyMap<string, Protocol>,
): QuestionEntry[] {
  const rules = new Map<string, QuestionFindings>(lexicon.questionFindings);
  for (const p of protocols.values()) {
    for (const q of p.questions) if (q.findings && q.findings.length > 0) rules.set(`${p.id}/${q.id}`, { anyOf: q.findings });
  }
  const out: QuestionEntry[] = [];
  for (const [key, rule] of [...rules].sort(([a], [b]) => a.localeCompare(b))) {
    const [protocolId, questionId] = key.split('/') as [string, string];
    if (!installed.has(protocolId)) continue;
    const protocol = protocols.get(protocolId);
    const question = protocol?.questions.find((q) => q.id === questionId);
    if (protocol && !question) continue; // a stale mapping: the content no longer asks it
    // Words answer yes or no; a choice, number or free-text question is always asked.
    if (question && question.type !== 'yes-no') continue;
    out.push({
      ref: { protocolId, questionId, ...(question ? { questionText: question.text } : {}) },
      rule,
      // A link's urgency is its `atLeast` floor; without one it is unknown here, so a "no" is never pre-answered.
      onYes: question ? ('goTo' in question.onYes ? (question.onYes.atLeast ?? null) : question.onYes.disposition) : null,
      redFlagScreen: lexicon.redFlagScreenIds.has(protocolId) || protocol?.kind === 'red-flag-screen',
    });
  }
  return out;
}

function raiseRedFlags(findings: readonly Finding[], questions: readonly QuestionEntry[]): RedFlag[] {
  return findings
    .filter((f): f is Finding & { status: 'present' | 'uncertain' } => f.redFlag && f.status !== 'absent')
    .map((f) => ({
      findingId: f.id,
      label: f.label,
      status: f.status,
      evidence: f.evidence,
      questions: questions
        .filter((q) => q.redFlagScreen && findingIdsOf(q.rule).includes(f.id))
        .map((q) => q.ref),
    }));
}

function rankProtocols(
  findings: readonly Finding[],
  lexicon: CompiledLexicon,
  installed: ReadonlySet<string>,
  protocols: ReadonlyMap<string, Protocol>,
): RankedProtocol[] {
  const reasons = new Map<string, ProtocolReason[]>();
  for (const f of findings) {
    if (f.status === 'absent') continue;
    const factor = f.status === 'present' ? 1 : 0.5;
    for (const link of lexicon.findings.get(f.id)?.protocols ?? []) {
      if (!installed.has(link.id) || lexicon.redFlagScreenIds.has(link.id) || protocols.get(link.id)?.kind === 'red-flag-screen') continue;
      const r: ProtocolReason = { findingId: f.id, label: f.label, status: f.status, weight: link.weight, contribution: round2(link.weight * factor), evidence: f.evidence };
      const list = reasons.get(link.id);
      if (list) list.push(r);
      else reasons.set(link.id, [r]);
    }
  }
  return [...reasons]
    .map(([protocolId, because]) => ({
      protocolId,
      score: round2(because.reduce((s, r) => s + r.contribution, 0)),
      because,
      explanation: because
        .map((r) => `${r.label.toLowerCase()} ("${r.evidence.text}"${r.status === 'uncertain' ? ', uncertain' : ''}) +${r.contribution}`)
        .join(', '),
    }))
    .sort((a, b) => b.score - a.score || a.because[0]!.evidence.start - b.because[0]!.evidence.start || a.protocolId.localeCompare(b.protocolId));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function findingIdsOf(rule: QuestionFindings): readonly string[] {
  return 'anyOf' in rule ? rule.anyOf : rule.allOf;
}

function dispositionIds(rule: DispositionRule): string[] {
  return typeof rule === 'string' ? [rule] : [rule.officeHours, rule.afterHours];
}

/**
 * Safety rules for pre-answers (shown as "from caller's words" for the agent to confirm):
 * - only clearly present or clearly absent findings answer; an uncertain or conflicting one never does;
 * - "yes" may come from a present finding for any question, red-flag questions included (it only escalates);
 * - "no" is withheld when the question is in a red-flag screen, when any finding it asks about is a red flag,
 *   when its "yes" leads to 911 or the ED now, or when the protocol content was not given (urgency unknown);
 * - "anyOf" questions ("X or Y?") are "no" only when every finding is absent; "allOf" ("X and Y?") are "yes"
 *   only when every finding is present; a duration threshold ("more than 3 days") only ever answers "yes".
 */
function preAnswer(
  findings: ReadonlyMap<string, Finding>,
  questions: readonly QuestionEntry[],
  lexicon: CompiledLexicon,
): { preAnswers: PreAnswer[]; withheld: WithheldAnswer[] } {
  const preAnswers: PreAnswer[] = [];
  const withheld: WithheldAnswer[] = [];
  for (const q of questions) {
    const ids = findingIdsOf(q.rule);
    const known = ids.map((id) => findings.get(id));
    if (known.every((f) => f === undefined)) continue;
    const min = q.rule.minDurationHours;
    const presentOk = (f: Finding | undefined) =>
      f !== undefined && f.status === 'present' && (min === undefined || (f.duration?.hours ?? 0) > min);
    const absent = (f: Finding | undefined) => f !== undefined && f.status === 'absent';
    const yesFrom = 'anyOf' in q.rule ? known.filter(presentOk) : known.every(presentOk) ? known : [];
    const noFrom = 'anyOf' in q.rule ? (known.every(absent) ? known : []) : known.filter(absent).slice(0, 1);
    if (yesFrom.length > 0) {
      const used = yesFrom.filter((f): f is Finding => f !== undefined);
      preAnswers.push({
        ...q.ref,
        answer: 'yes',
        because: becauseText(used),
        findingIds: used.map((f) => f.id),
        evidence: used.map((f) => f.evidence),
      });
      continue;
    }
    if (noFrom.length === 0) continue;
    const used = noFrom.filter((f): f is Finding => f !== undefined);
    const reason = q.redFlagScreen
      ? 'a red-flag screen question is never skipped on a denial: ask it'
      : ids.some((id) => lexicon.findings.get(id)?.redFlag)
        ? 'it asks about a red-flag finding: ask it'
        : q.onYes === null
          ? 'the protocol content was not given, so its urgency is unknown: ask it'
          : dispositionIds(q.onYes).some((d) => EMERGENCY_DISPOSITIONS.has(d))
            ? 'a "yes" would send the caller to 911 or the ED now: ask it'
            : null;
    if (reason) withheld.push({ ...q.ref, wouldBe: 'no', reason });
    else {
      preAnswers.push({ ...q.ref, answer: 'no', because: becauseText(used), findingIds: used.map((f) => f.id), evidence: used.map((f) => f.evidence) });
    }
  }
  return { preAnswers, withheld };
}

function becauseText(findings: readonly Finding[]): string {
  return `from caller's words: ${findings.map((f) => `"${f.evidence.text}"`).join(', ')}`;
}
