// Test support only (not exported from the engine): the demonstration protocols and small drivers.
import { createActor } from 'xstate';
import {
  AGE_BANDS,
  CALLER_ROLES,
  disposition,
  isLinkOutcome,
  PREGNANCY_STATES,
  Protocol,
  questionOutcomes,
  type AgeBand,
  type Condition,
  type DispositionId,
  type Outcome,
  type Question,
} from '../../../../../../src-preload/contract';
import feverJson from '../../../../../../resources/protocols/fever.json';
import redFlagsJson from '../../../../../../resources/protocols/red-flags.json';
import soreThroatJson from '../../../../../../resources/protocols/sore-throat.json';
import { answerMatches } from '../answerRules';
import { compileInterview, type InterviewMachine } from '../compileInterview';
import { planInterview, questionKey, type InterviewPlan } from '../interviewPlan';
import { mostUrgentRankOf } from '../orderingViolations';
import { resolvedInput } from '../interviewInput';
import type { Answer, AnswerMatch, AnswerValue, InterviewContext, InterviewEvent, InterviewInput, InterviewSex } from '../types';
import { contentGuardHolds, resolveRule } from '../vocabulary';

export const redFlags = Protocol.parse(redFlagsJson);
export const fever = Protocol.parse(feverJson);
export const soreThroat = Protocol.parse(soreThroatJson);

/** Every protocol installed in resources/protocols (picked up automatically, sorted by file name). */
const installed = import.meta.glob<unknown>('../../../../../../resources/protocols/*.json', { eager: true, import: 'default' });
export const library: readonly Protocol[] = Object.keys(installed)
  .sort()
  .map((path) => Protocol.parse(installed[path]));
export const symptomProtocols: readonly Protocol[] = library.filter((p) => p.kind === 'symptom');
/** Links resolve against the installed library, as the app does. */
export const resolve = (id: string): Protocol | undefined => library.find((p) => p.id === id);

export const PROTOCOL_SETS: readonly (readonly [string, readonly Protocol[]])[] = symptomProtocols.map(
  (p) => [`red-flags + ${p.id}`, [redFlags, p]] as const,
);

export const SEXES: readonly InterviewSex[] = ['male', 'female', 'other', 'unknown'];

export function inputOf(ageBand: AgeBand, afterHours: boolean, sex: InterviewSex = 'female', extra: Partial<InterviewInput> = {}): InterviewInput {
  return {
    ageBand,
    sex,
    afterHours,
    hoursBecause: afterHours
      ? 'closed: hours Mon 08:00-17:00, now Mon 18:05 America/New_York'
      : 'open: hours Mon 08:00-17:00, now Mon 10:15 America/New_York',
    ...extra,
  };
}

export function planOf(protocols: readonly Protocol[]): InterviewPlan {
  return planInterview(protocols, { resolve });
}

/** Every condition used by the plan's questions (main chain and linked protocols). */
function conditionsOf(plan: InterviewPlan): Condition[] {
  return plan.questions.flatMap((q) => q.question.enableWhen);
}

const BAND_MONTHS: Record<AgeBand, readonly [number, number]> = {
  'infant-under-3-months': [0, 3],
  infant: [3, 12],
  child: [12, 144],
  adolescent: [144, 216],
  adult: [216, 780],
  'older-adult': [780, 1800],
};

/**
 * The v2 input fields worth varying for a plan: only those its conditions read, each at its boundaries and
 * unknown. Inputs no condition reads are left at their defaults, which keeps the model tests fast.
 */
function extraVariants(plan: InterviewPlan, ageBand: AgeBand): Partial<InterviewInput>[] {
  const conditions = conditionsOf(plan);
  const axes: Partial<InterviewInput>[][] = [];
  const months = conditions.flatMap((c) => (c.type === 'ageMonths' ? [c.params.atLeast, c.params.below] : [])).filter((n): n is number => n !== undefined);
  if (conditions.some((c) => c.type === 'ageMonths')) {
    const [lo, hi] = BAND_MONTHS[ageBand];
    const candidates = [...new Set([lo, hi - 1, ...months.flatMap((m) => [m - 1, m])])].filter((m) => m >= lo && m < hi).sort((a, b) => a - b);
    // One age per class of ages that every ageMonths condition treats alike.
    const ranges = conditions.flatMap((c) => (c.type === 'ageMonths' ? [c.params] : []));
    const byClass = new Map<string, number>();
    for (const m of candidates) {
      const signature = ranges.map((r) => (r.atLeast === undefined || m >= r.atLeast) && (r.below === undefined || m < r.below)).join();
      if (!byClass.has(signature)) byClass.set(signature, m);
    }
    axes.push([{ ageMonths: null }, ...[...byClass.values()].map((ageMonths) => ({ ageMonths }))]);
  }
  if (conditions.some((c) => c.type === 'pregnancy')) axes.push(PREGNANCY_STATES.map((pregnancy) => ({ pregnancy })));
  if (conditions.some((c) => c.type === 'callerRole')) axes.push(CALLER_ROLES.map((callerRole) => ({ callerRole })));
  if (conditions.some((c) => c.type === 'state')) {
    const states = conditions.flatMap((c) => (c.type === 'state' ? c.params.in : []));
    axes.push([{ state: null }, { state: 'ZZ' }, ...[...new Set(states)].map((state) => ({ state }))]);
  }
  if (conditions.some((c) => c.type === 'zip')) {
    const zips = conditions.flatMap((c) => (c.type === 'zip' ? c.params.prefixes.map((p) => p.padEnd(5, '0')) : []));
    axes.push([{ zip: null }, { zip: '99999' }, ...[...new Set(zips)].map((zip) => ({ zip }))]);
  }
  if (conditions.some((c) => c.type === 'timeOfDay')) {
    const times = conditions.flatMap((c) => (c.type === 'timeOfDay' ? [c.params.from, c.params.to] : []));
    axes.push([{ localTime: null }, ...[...new Set(times)].map((localTime) => ({ localTime }))]);
  }
  return axes.reduce<Partial<InterviewInput>[]>((acc, axis) => acc.flatMap((a) => axis.map((b) => ({ ...a, ...b }))), [{}]);
}

/** One sex per class of sexes that every sex condition treats alike (all four without a plan). */
function sexClasses(plan: InterviewPlan | undefined): readonly InterviewSex[] {
  if (!plan) return SEXES;
  const sets = conditionsOf(plan).flatMap((c) => (c.type === 'sex' ? [c.params.in] : []));
  const byClass = new Map<string, InterviewSex>();
  for (const sex of SEXES) {
    const signature = sets.map((set) => set.includes(sex)).join();
    if (!byClass.has(signature)) byClass.set(signature, sex);
  }
  return [...byClass.values()];
}

/**
 * Every input the content branches on: age band x after hours x sex, and the v2 fields its conditions read.
 * Given a plan, values its conditions cannot tell apart are sampled once, which keeps the model tests fast.
 */
export function allInputs(plan?: InterviewPlan): InterviewInput[] {
  const sexes = sexClasses(plan);
  return AGE_BANDS.flatMap((ageBand) =>
    [false, true].flatMap((afterHours) => sexes.flatMap((sex) => (plan ? extraVariants(plan, ageBand) : [{}]).map((extra) => inputOf(ageBand, afterHours, sex, extra)))),
  );
}

/**
 * Representative answers for a question: yes and no; each option, none and all; each band boundary (both
 * sides), the range ends and one value outside it (refused); some text; and 'unknown' where allowed.
 */
export function representativeAnswers(q: Question): AnswerValue[] {
  switch (q.type) {
    case 'yes-no':
      return ['yes', 'no'];
    case 'single-choice':
      return [...q.options.map((o) => ({ choice: o.id })), 'unknown'];
    case 'multi-choice':
      return [{ choices: [] }, ...q.options.map((o) => ({ choices: [o.id] })), { choices: q.options.map((o) => o.id) }, 'unknown'];
    case 'number': {
      const step = 10 ** -q.decimals;
      const edges = q.bands.flatMap((b) => [b.atLeast, b.atLeast === undefined ? undefined : b.atLeast - step, b.below, b.below === undefined ? undefined : b.below - step]);
      const values = [...new Set([q.min, q.max, ...edges.filter((n): n is number => n !== undefined)])]
        .map((n) => Number(n.toFixed(q.decimals)))
        .filter((n) => n >= q.min && n <= q.max)
        .sort((a, b) => a - b);
      return [...values.map((number) => ({ number })), { number: q.max + 1 }, 'unknown'];
    }
    case 'free-text':
      return [{ text: 'caller says it started after lunch' }, 'unknown'];
  }
}

function matchOf(q: Question, answerLabel: string): AnswerMatch {
  if (answerLabel === 'yes') return { kind: 'yes' };
  if (answerLabel === 'unknown') return { kind: 'unknown' };
  const [kind, arg] = answerLabel.split(' ') as [string, string];
  if (kind === 'option') return q.type === 'multi-choice' ? { kind: 'anyChoice', optionIds: [arg] } : { kind: 'choice', optionId: arg };
  const band = q.type === 'number' ? q.bands[Number(arg)] : undefined;
  return { kind: 'band', ...(band?.atLeast === undefined ? {} : { atLeast: band.atLeast }), ...(band?.below === undefined ? {} : { below: band.below }) };
}

/**
 * The outcome an answer takes, independently of the machine: for multi-choice the most urgent chosen option,
 * for a number the first band it falls in. Null when the answer does not decide (or is refused).
 */
export function outcomeOfAnswer(q: Question, answer: AnswerValue, afterHours: boolean): Outcome | null {
  const outcomes = questionOutcomes(q).filter(({ answer: label }) => answerMatches(matchOf(q, label), answer));
  if (q.type === 'number' && typeof answer === 'object' && 'number' in answer && (answer.number < q.min || answer.number > q.max)) return null;
  if (q.type === 'multi-choice') {
    const ranked = outcomes.map((o) => o.outcome).sort((a, b) => rankOfOutcome(a, afterHours) - rankOfOutcome(b, afterHours));
    return ranked[0] ?? null;
  }
  return outcomes[0]?.outcome ?? null;
}

/** A disposition outcome's rank; a link's is its floor's (home care when it has none). */
export function rankOfOutcome(o: Outcome, afterHours: boolean): number {
  if (isLinkOutcome(o)) return o.atLeast === undefined ? disposition('home-care').rank : disposition(resolveRule(o.atLeast, afterHours)).rank;
  return disposition(resolveRule(o.disposition, afterHours)).rank;
}

/** An accepted answer that does not decide ('no', 'unknown', an option or number without outcome), if any. */
export function nonDecidingAnswer(q: Question): AnswerValue | null {
  return representativeAnswers(q).find((a) => !(q.type === 'number' && typeof a === 'object' && 'number' in a && (a.number < q.min || a.number > q.max)) && outcomeOfAnswer(q, a, false) === null && outcomeOfAnswer(q, a, true) === null) ?? null;
}

export interface FlatQuestion {
  readonly key: string;
  readonly protocol: Protocol;
  readonly question: Question;
}
/** The questions of the listed protocols, in order (linked protocols not included). */
export function flatQuestions(protocols: readonly Protocol[]): FlatQuestion[] {
  return protocols.flatMap((protocol) => protocol.questions.map((question) => ({ key: questionKey(protocol.id, question.id), protocol, question })));
}

/**
 * Which questions apply to a patient if every applicable question were asked and answered with `answerFor`
 * (no early stop): the hypothetical the safety invariant is stated against.
 */
export function applicableQuestions(protocols: readonly Protocol[], input: InterviewInput, answerFor: (key: string) => boolean | AnswerValue): FlatQuestion[] {
  const answers: InterviewContext['answers'][number][] = [];
  const applicable: FlatQuestion[] = [];
  for (const q of flatQuestions(protocols)) {
    const context: InterviewContext = { ...resolvedInput(input), protocols: [], answers, links: [], decision: null };
    if (q.question.enableWhen.every((g) => contentGuardHolds(context, g, q.protocol.id))) {
      applicable.push(q);
      const a = answerFor(q.key);
      const answer: AnswerValue = a === true ? 'yes' : a === false ? (nonDecidingAnswer(q.question) ?? 'no') : a;
      answers.push({ protocolId: q.protocol.id, questionId: q.question.id, answer, at: null, source: 'asked' });
    } else {
      answers.push({ protocolId: q.protocol.id, questionId: q.question.id, answer: 'not-asked', at: null, source: null });
    }
  }
  return applicable;
}

export function rankOf(q: FlatQuestion, afterHours: boolean): number {
  return mostUrgentRankOf(q.question, afterHours) ?? disposition('home-care').rank;
}

export function rankOfId(id: DispositionId): number {
  return disposition(id).rank;
}

/** The events worth sending in a state: the current question's representative answers, BACK and CONFIRM. */
export function eventsFor(plan: InterviewPlan, withBack = true) {
  return (state: { value: unknown }): InterviewEvent[] => {
    const planned = typeof state.value === 'string' ? plan.byKey.get(state.value) : undefined;
    const answers: InterviewEvent[] = planned ? representativeAnswers(planned.question).map((answer) => ({ type: 'ANSWER', answer })) : [];
    return [...answers, ...(withBack ? [{ type: 'BACK' } as const] : []), { type: 'CONFIRM' }];
  };
}

/** Start an actor, answer in order, return it (still running unless confirmed). */
export function runInterview(machine: InterviewMachine, input: InterviewInput, answers: readonly (Answer | AnswerValue)[]) {
  const actor = createActor(machine, { input });
  actor.start();
  for (const answer of answers) actor.send({ type: 'ANSWER', answer });
  return actor;
}

/** Answer truthfully from a truth table until decided (true: yes or a deciding answer; false: a non-deciding one). */
export function answerTruthfully(machine: InterviewMachine, input: InterviewInput, truth: (key: string) => boolean | AnswerValue, plan?: InterviewPlan) {
  const actor = createActor(machine, { input });
  actor.start();
  for (let guard = 0; guard < 1000; guard += 1) {
    const snap = actor.getSnapshot();
    if (!snap.hasTag('question')) break;
    const t = truth(String(snap.value));
    const q = plan?.byKey.get(String(snap.value))?.question;
    const answer: AnswerValue = t === true ? 'yes' : t === false ? (q ? (nonDecidingAnswer(q) ?? 'no') : 'no') : t;
    actor.send({ type: 'ANSWER', answer });
  }
  return actor;
}

export const compiled = new Map(PROTOCOL_SETS.map(([name, ps]) => [name, compileInterview(ps, { resolve })] as const));
