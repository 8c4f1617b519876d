import { isLinkOutcome, Protocol, questionOutcomes, type DispositionOutcome, type Question } from '../../../../../src-preload/contract';
import type { ProtocolRef } from './types';

/** Thrown when a list of protocols cannot make a safe interview. The message is for the content author. */
export class InterviewCompileError extends Error {
  override readonly name = 'InterviewCompileError';
}

export type ProtocolWithFallback = Protocol & { readonly fallback: DispositionOutcome };

export interface PlannedQuestion {
  /** State key: `${protocolId}/${questionId}` (ids are [a-z0-9-]+, so the key is unambiguous). */
  readonly key: string;
  readonly protocol: Protocol;
  readonly question: Question;
  /** 0-based position among all questions of the interview. */
  readonly index: number;
  /** 0-based position within its protocol. */
  readonly indexInProtocol: number;
  /** The next question when this one does not decide, or null: then `end`'s fallback decides. */
  readonly nextKey: string | null;
  readonly end: ProtocolWithFallback;
}

/** The ordered, validated layout of an interview: what the compiler and the readers share. */
export interface InterviewPlan {
  /** The protocols asked for, in order (the main chain). */
  readonly protocols: readonly Protocol[];
  /** Protocols reached only through links ("go to Chest Pain"), in the order first linked. */
  readonly linked: readonly Protocol[];
  /** Ids and versions of the main protocols then the linked ones: what a snapshot must match. */
  readonly refs: readonly ProtocolRef[];
  /** The main chain's questions, then each linked protocol's. */
  readonly questions: readonly PlannedQuestion[];
  readonly byKey: ReadonlyMap<string, PlannedQuestion>;
  readonly byId: ReadonlyMap<string, Protocol>;
  /** The protocol whose fallback applies when nothing in the main chain decided: the last symptom protocol. */
  readonly fallbackProtocol: ProtocolWithFallback;
}

export interface PlanOptions {
  /** Finds a protocol by id, for links to protocols outside the list (normally the installed library). */
  readonly resolve?: (id: string) => Protocol | undefined;
}

export const DECIDED = 'decided';
export const CONFIRMED = 'confirmed';

export function questionKey(protocolId: string, questionId: string): string {
  return `${protocolId}/${questionId}`;
}

function parseProtocol(p: unknown, label: string): Protocol {
  const result = Protocol.safeParse(p);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new InterviewCompileError(`${label} (${String((p as { id?: unknown } | null)?.id)}) is invalid: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
}

function linkTargets(p: Protocol): { from: string; goTo: string }[] {
  return p.questions.flatMap((q) => questionOutcomes(q).flatMap(({ outcome }) => (isLinkOutcome(outcome) ? [{ from: q.id, goTo: outcome.goTo }] : [])));
}

/**
 * Pull every protocol linked to, transitively, and refuse what cannot be safe: a missing target, a link to a
 * red-flag screen (red flags are asked first, never as a detour) and cycles (an interview that could loop).
 */
function resolveLinks(main: readonly Protocol[], resolve: PlanOptions['resolve']): Protocol[] {
  const byId = new Map(main.map((p) => [p.id, p]));
  const linked: Protocol[] = [];
  const find = (from: Protocol, questionId: string, id: string): Protocol => {
    // A protocol of the list is one chain with its own place in it: a link may only jump forward to it.
    // Jumping back would ask its questions twice and could loop through the linking protocol again.
    const listed = main.findIndex((p) => p.id === id);
    if (listed !== -1 && listed <= main.indexOf(from)) {
      throw new InterviewCompileError(`${from.id}/${questionId} links to '${id}', which this interview already asks before it`);
    }
    if (listed !== -1 && !main.includes(from)) throw new InterviewCompileError(`${from.id}/${questionId} links to '${id}', which this interview asks in its own place`);
    const known = byId.get(id);
    if (known) return known;
    const found = resolve?.(id);
    if (!found) throw new InterviewCompileError(`${from.id}/${questionId} links to '${id}', which is not installed`);
    const parsed = parseProtocol(found, `linked protocol ${id}`);
    if (parsed.id !== id) throw new InterviewCompileError(`${from.id}/${questionId} links to '${id}', but the library returned '${parsed.id}'`);
    byId.set(id, parsed);
    linked.push(parsed);
    return parsed;
  };
  const done = new Set<string>();
  const visit = (p: Protocol, path: readonly string[]): void => {
    if (done.has(p.id)) return;
    for (const { from, goTo } of linkTargets(p)) {
      if (path.includes(goTo) || goTo === p.id) throw new InterviewCompileError(`cyclic link: ${[...path.slice(path.indexOf(goTo)), p.id, goTo].join(' -> ')}`);
      const target = find(p, from, goTo);
      if (target.kind === 'red-flag-screen') throw new InterviewCompileError(`${p.id}/${from} links to red-flag screen '${goTo}'; red-flag screens are asked first and never linked to`);
      visit(target, [...path, p.id]);
    }
    done.add(p.id);
  };
  for (const p of main) visit(p, []);
  return linked;
}

function validateMain(parsed: readonly Protocol[]): ProtocolWithFallback {
  const seen = new Set<string>();
  let symptomSeen = false;
  for (const p of parsed) {
    if (seen.has(p.id)) throw new InterviewCompileError(`protocol ${p.id} appears twice`);
    seen.add(p.id);
    if (p.kind === 'symptom') symptomSeen = true;
    else if (symptomSeen) throw new InterviewCompileError(`red-flag screen ${p.id} comes after a symptom protocol; red flags are asked first`);
  }
  const fallbackProtocol = [...parsed].reverse().find((p) => p.kind === 'symptom');
  if (!fallbackProtocol || fallbackProtocol.fallback === null) {
    throw new InterviewCompileError('an interview needs a symptom protocol: a red-flag screen alone has no outcome when every answer is no');
  }
  return fallbackProtocol as ProtocolWithFallback;
}

/** Lay out one chain of protocols: each question's next question, the chain ending in `end`'s fallback. */
function chain(protocols: readonly Protocol[], end: ProtocolWithFallback, offset: number): PlannedQuestion[] {
  const flat = protocols.flatMap((protocol) => protocol.questions.map((question, indexInProtocol) => ({ protocol, question, indexInProtocol })));
  return flat.map((q, i) => {
    const next = flat[i + 1];
    return {
      ...q,
      key: questionKey(q.protocol.id, q.question.id),
      index: offset + i,
      nextKey: next ? questionKey(next.protocol.id, next.question.id) : null,
      end,
    };
  });
}

// Memo by list identity. Plans that followed links are also remembered by their main protocols, so a reader
// given an equal list without `resolve` (readInterview from the UI) lays out the same linked protocols.
const plans = new WeakMap<readonly Protocol[], InterviewPlan>();
const linkedPlans = new Map<string, InterviewPlan>();
const MAX_LINKED_PLANS = 100;

function refsKey(protocols: readonly Protocol[]): string {
  return protocols.map((p) => `${p.id}@${p.version}`).join(',');
}

/** A resolver from an earlier plan with exactly the same main protocols (content compared, not just ids). */
function remembered(parsed: readonly Protocol[]): PlanOptions['resolve'] {
  const earlier = linkedPlans.get(refsKey(parsed));
  if (!earlier || JSON.stringify(earlier.protocols) !== JSON.stringify(parsed)) return undefined;
  return (id) => earlier.byId.get(id);
}

/**
 * Validate and lay out an ordered list of protocols (normally [red-flag screen, one symptom protocol]).
 * Every protocol is re-checked with the contract schema; the list must put every red-flag screen before every
 * symptom protocol (a red flag is never asked after a symptom question) and hold at least one symptom protocol.
 * Links are resolved here (in the list first, then with `options.resolve`); each linked protocol is its own
 * chain ending in its own fallback.
 */
export function planInterview(protocols: readonly Protocol[], options: PlanOptions = {}, purpose: 'compile' | 'read' = 'read'): InterviewPlan {
  const cached = plans.get(protocols);
  if (cached && (purpose === 'read' || cached.linked.length === 0 || options.resolve)) return cached;
  if (protocols.length === 0) throw new InterviewCompileError('an interview needs at least one protocol');

  const parsed = protocols.map((p, i) => parseProtocol(p, `protocol #${i}`));
  const fallbackProtocol = validateMain(parsed);
  // Compiling is pure: it never borrows links from an earlier plan. Readers may, to find the compiled layout.
  const linked = resolveLinks(parsed, options.resolve ?? (purpose === 'read' ? remembered(parsed) : undefined));

  const questions: PlannedQuestion[] = chain(parsed, fallbackProtocol, 0);
  for (const p of linked) questions.push(...chain([p], p as ProtocolWithFallback, questions.length));

  const plan: InterviewPlan = {
    protocols: parsed,
    linked,
    refs: [...parsed, ...linked].map((p) => ({ id: p.id, version: p.version })),
    questions,
    byKey: new Map(questions.map((q) => [q.key, q])),
    byId: new Map([...parsed, ...linked].map((p) => [p.id, p])),
    fallbackProtocol,
  };
  if (purpose === 'read' || options.resolve || linked.length === 0) plans.set(protocols, plan);
  if (linked.length > 0) {
    if (linkedPlans.size >= MAX_LINKED_PLANS) linkedPlans.delete(linkedPlans.keys().next().value as string);
    linkedPlans.set(refsKey(parsed), plan);
  }
  return plan;
}

/** The state key of a protocol's first question (every valid protocol has one). */
export function firstKeyOf(plan: InterviewPlan, protocolId: string): string {
  const first = plan.questions.find((q) => q.protocol.id === protocolId);
  if (!first) throw new InterviewCompileError(`no questions for ${protocolId}`);
  return first.key;
}
