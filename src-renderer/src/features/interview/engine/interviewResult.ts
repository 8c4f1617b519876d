import { disposition as dispositionOf, isLinkOutcome, questionOutcomes, type DocumentEncounterRequest, type Outcome, type Protocol, type Question, type RecordedAnswer } from '../../../../../src-preload/contract';
import { answerDisplay, answerProblemFor, answerSpecOf, recordedValue } from './answerRules';
import { CONFIRMED, DECIDED, planInterview, questionKey, type InterviewPlan, type PlanOptions } from './interviewPlan';
import type { AnswerValue, CareAdviceBlock, Decision, InterviewContext, InterviewOutput, ResolvedDisposition } from './types';
import { knownToHold, lastAnswered } from './vocabulary';

/** What the readers need from a snapshot: a live `actor.getSnapshot()` or a restored persisted one. */
export interface InterviewSnapshotLike {
  readonly value: unknown;
  readonly context: InterviewContext;
}

export interface CurrentQuestion {
  readonly protocolId: string;
  readonly protocolTitle: string;
  readonly protocolKind: Protocol['kind'];
  readonly questionId: string;
  readonly text: string;
  readonly help: string | null;
  /** 1-based position among all questions of the interview (skipped ones count as passed). */
  readonly index: number;
  readonly total: number;
  /** 1-based position within its protocol, and that protocol's question count. */
  readonly indexInProtocol: number;
  readonly totalInProtocol: number;
  readonly type: Question['type'];
  /** Choice questions: the options with their keyboard digit; [] otherwise. */
  readonly options: readonly { readonly id: string; readonly label: string; readonly key: string }[];
  /** Number questions: unit, valid range and decimals; null otherwise. */
  readonly unit: string | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly decimals: number | null;
  /** Free-text questions: the longest answer; null otherwise. */
  readonly maxLength: number | null;
}

export type InterviewStatus = 'asking' | 'decided' | 'confirmed';

export interface InterviewView {
  readonly status: InterviewStatus;
  /** The question to ask now; null once decided. */
  readonly current: CurrentQuestion | null;
  /** Every question reached so far, in order, as the chart records it. */
  readonly answers: readonly RecordedAnswer[];
  /** Null while asking. */
  readonly disposition: ResolvedDisposition | null;
  readonly decision: Decision | null;
  /** Care advice of the outcome reached ([] while asking). The UI shows it to nurses only. */
  readonly careAdvice: readonly CareAdviceBlock[];
  /** Whether BACK would undo something (never after 'confirmed'). */
  readonly canGoBack: boolean;
}

const MAX_BECAUSE = 1000; // DocumentEncounterRequest.interview.disposition.because
const MAX_TEXT = 500; // RecordedAnswer.text

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function assertSameProtocols(plan: InterviewPlan, context: InterviewContext): void {
  const want = plan.refs.map((r) => `${r.id}@${r.version}`).join(', ');
  const have = context.protocols.map((r) => `${r.id}@${r.version}`).join(', ');
  if (want !== have) throw new Error(`this interview was compiled from [${have}], not [${want}]`);
}

interface ReachedOutcome {
  readonly protocol: Protocol;
  /** Null for a link that could not be followed (the patient is outside its audience). */
  readonly outcome: Outcome | null;
  readonly question: Question | null;
}

function outcomeOf(plan: InterviewPlan, decision: Decision): ReachedOutcome {
  if (decision.questionId === null) {
    const protocol = plan.byId.get(decision.protocolId);
    if (!protocol?.fallback) throw new Error(`no fallback in ${decision.protocolId}`);
    return { protocol, outcome: protocol.fallback, question: null };
  }
  const planned = plan.byKey.get(questionKey(decision.protocolId, decision.questionId));
  if (!planned) throw new Error(`unknown question ${decision.protocolId}/${decision.questionId}`);
  const { protocol, question } = planned;
  const [kind, arg] = decision.reachedBy.split(':', 2) as [string, string | undefined];
  let outcome: Outcome | null | undefined = null;
  if (kind === 'yes' && question.type === 'yes-no') outcome = question.onYes;
  else if (kind === 'option' && (question.type === 'single-choice' || question.type === 'multi-choice')) outcome = question.options.find((o) => o.id === arg)?.outcome;
  else if (kind === 'band' && question.type === 'number') outcome = question.bands[Number(arg)]?.outcome;
  else if (kind === 'unknown' && question.type !== 'yes-no' && question.type !== 'free-text') outcome = question.ifUnknown;
  else if (kind !== 'link-audience') throw new Error(`unknown outcome ${decision.reachedBy} of ${planned.key}`);
  return { protocol, outcome: outcome ?? null, question };
}

/** "after hours (closed: hours Mon 08:00-17:00, now Mon 18:05 America/New_York)" */
export function hoursVerdictText(context: Pick<InterviewContext, 'afterHours' | 'hoursBecause'>): string {
  const verdict = context.afterHours ? 'after hours' : 'office hours';
  return context.hoursBecause.trim() ? `${verdict} (${context.hoursBecause.trim()})` : verdict;
}

/**
 * The disposition with its reason: the triggering answer (or that nothing was answered yes), the hours verdict
 * when the rule depended on it, then the content's own reason, e.g.
 * "Yes to 'Has the fever lasted more than 3 days?' · after hours (closed: …) · A fever that lasts …".
 */
function answerOf(context: InterviewContext, protocolId: string, questionId: string): AnswerValue | 'not-asked' {
  return context.answers.findLast((a) => a.protocolId === protocolId && a.questionId === questionId)?.answer ?? 'not-asked';
}

/** "Yes to 'Q'" for yes-no (as in v1), otherwise "'102.5 °F' to 'Q'". */
function triggerText(context: InterviewContext, question: Question, protocolId: string): string {
  const answer = answerOf(context, protocolId, question.id);
  return answer === 'yes' ? `Yes to '${question.text}'` : `'${answerDisplay(question, answer)}' to '${question.text}'`;
}

function resolveDisposition(plan: InterviewPlan, context: InterviewContext, decision: Decision): ResolvedDisposition {
  const { protocol, outcome, question } = outcomeOf(plan, decision);
  const asked = context.answers.filter((a) => a.answer !== 'not-asked').length;
  const parts: string[] = [];
  // Links followed come first: they explain how the interview got to the protocol that decided.
  for (const link of context.links) {
    const from = plan.byKey.get(questionKey(link.protocolId, link.questionId));
    const linkOutcome = from ? questionOutcomes(from.question).find(({ outcome }) => isLinkOutcome(outcome) && outcome.goTo === link.goTo)?.outcome.because : null;
    const target = plan.byId.get(link.goTo);
    parts.push(`${from ? triggerText(context, from.question, link.protocolId) : link.questionId} → ${target?.title ?? link.goTo}${linkOutcome ? `: ${linkOutcome}` : ''}`);
  }
  parts.push(question !== null ? triggerText(context, question, protocol.id) : asked > 0 ? `No to all ${asked} questions asked` : 'No question applied');
  if (decision.dependsOnHours) parts.push(hoursVerdictText(context));
  if (decision.reachedBy.startsWith('link-audience:')) {
    const target = plan.byId.get(decision.reachedBy.slice('link-audience:'.length));
    parts.push(
      `${target?.title ?? 'The linked protocol'} is not written for age band ${context.ageBand} (${target?.audience.label ?? 'other ages'}), so it was not followed; escalated to at least '${dispositionOf('seen-within-4-hours').label}' for a clinician to assess`,
    );
  } else if (outcome) {
    parts.push(outcome.because);
  }
  return { id: decision.disposition, because: clip(parts.join(' · '), MAX_BECAUSE) };
}

/**
 * The care advice of the outcome reached, for this patient's age band: a block written for some bands only
 * (`ageBands`) is left out for anyone else, so an adult is never read advice written for a baby. Local advice
 * (`onlyWhen`) is offered only where its conditions are known to hold.
 */
function careAdviceOf(plan: InterviewPlan, context: InterviewContext, decision: Decision): CareAdviceBlock[] {
  const { protocol, outcome } = outcomeOf(plan, decision);
  const own = outcome && !isLinkOutcome(outcome) ? outcome.careAdviceIds : [];
  // Advice tied to the disposition reached (protocol.dispositionAdvice) follows the outcome's own, once each.
  const ids = [...new Set([...own, ...(protocol.dispositionAdvice?.[decision.disposition] ?? [])])];
  return ids.flatMap((id) => {
    const block = protocol.careAdvice.find((a) => a.id === id);
    if (!block || (block.ageBands && !block.ageBands.includes(context.ageBand))) return [];
    if (block.onlyWhen && !knownToHold(context, block.onlyWhen, protocol.id)) return [];
    return [{ id: block.id, title: block.title, text: block.text }];
  });
}

function recordedAnswers(plan: InterviewPlan, context: InterviewContext): RecordedAnswer[] {
  return context.answers.map((a) => {
    const planned = plan.byKey.get(questionKey(a.protocolId, a.questionId));
    const question = planned?.question;
    const notAsked = a.answer === 'not-asked';
    return {
      protocolId: a.protocolId,
      questionId: a.questionId,
      text: clip(question?.text ?? a.questionId, MAX_TEXT),
      answer: typeof a.answer === 'string' ? a.answer : 'value',
      source: notAsked ? null : a.source,
      answeredAt: notAsked ? null : a.at,
      type: question?.type ?? 'yes-no',
      value: recordedValue(question, a.answer),
      display: clip(answerDisplay(question, a.answer), MAX_TEXT),
    };
  });
}

/** The machine's output (used by the compiled machine on 'confirmed'). */
export function outputOf(plan: InterviewPlan, context: InterviewContext): InterviewOutput {
  const decision = context.decision;
  if (!decision) throw new Error('the interview has no decision');
  return { disposition: resolveDisposition(plan, context, decision), decision, careAdvice: careAdviceOf(plan, context, decision) };
}

/**
 * Everything the UI shows, derived from a snapshot: the current question with its progress, the recorded
 * answers, and once decided the disposition (with its reason) and the care advice. `protocols` must be the
 * list the machine was compiled from (checked against the ids and versions kept in context).
 */
export function readInterview(protocols: readonly Protocol[], snapshot: InterviewSnapshotLike, options: PlanOptions = {}): InterviewView {
  const plan = planInterview(protocols, options);
  const { context, value } = snapshot;
  assertSameProtocols(plan, context);
  const answers = recordedAnswers(plan, context);
  const canGoBack = value !== CONFIRMED && lastAnswered(context.answers) !== null;

  if (value === DECIDED || value === CONFIRMED) {
    const decision = context.decision;
    if (!decision) throw new Error(`interview is ${value} without a decision`);
    return {
      status: value === DECIDED ? 'decided' : 'confirmed',
      current: null,
      answers,
      disposition: resolveDisposition(plan, context, decision),
      decision,
      careAdvice: careAdviceOf(plan, context, decision),
      canGoBack,
    };
  }

  const planned = typeof value === 'string' ? plan.byKey.get(value) : undefined;
  if (!planned) throw new Error(`unknown interview state ${JSON.stringify(value)}`);
  return {
    status: 'asking',
    current: {
      protocolId: planned.protocol.id,
      protocolTitle: planned.protocol.title,
      protocolKind: planned.protocol.kind,
      questionId: planned.question.id,
      text: planned.question.text,
      help: planned.question.help ?? null,
      index: planned.index + 1,
      total: plan.questions.length,
      indexInProtocol: planned.indexInProtocol + 1,
      totalInProtocol: planned.protocol.questions.length,
      ...answerFields(planned.question),
    },
    answers,
    disposition: null,
    decision: null,
    careAdvice: [],
    canGoBack,
  };
}

function answerFields(q: Question): Pick<CurrentQuestion, 'type' | 'options' | 'unit' | 'min' | 'max' | 'decimals' | 'maxLength'> {
  const spec = answerSpecOf(q);
  return {
    type: q.type,
    options: q.type === 'single-choice' || q.type === 'multi-choice' ? q.options.map((o, i) => ({ id: o.id, label: o.label, key: String(i + 1) })) : [],
    unit: spec.unit,
    min: spec.min,
    max: spec.max,
    decimals: spec.decimals,
    maxLength: spec.maxLength,
  };
}

/**
 * Why the current question would refuse this answer (the machine ignores it), for the UI to say, e.g.
 * "120 is outside 80.0–115.0 °F; check the value and its unit."; null when it would be accepted. Null also
 * when no question is being asked (then ANSWER is simply not taken).
 */
export function answerProblem(protocols: readonly Protocol[], snapshot: InterviewSnapshotLike, answer: unknown, options: PlanOptions = {}): string | null {
  const plan = planInterview(protocols, options);
  const planned = typeof snapshot.value === 'string' ? plan.byKey.get(snapshot.value) : undefined;
  return planned ? answerProblemFor(answerSpecOf(planned.question), answer) : null;
}

export type DocumentedInterview = DocumentEncounterRequest['interview'];

/**
 * The `interview` part of DocumentEncounterRequest, once a disposition is reached ('decided' or 'confirmed');
 * null while still asking.
 */
export function documentedInterview(protocols: readonly Protocol[], snapshot: InterviewSnapshotLike, options: PlanOptions = {}): DocumentedInterview | null {
  const view = readInterview(protocols, snapshot, options);
  if (!view.disposition) return null;
  const plan = planInterview(protocols, options);
  const { context } = snapshot;
  return {
    protocols: [...plan.protocols, ...plan.linked].map((p) => ({ id: p.id, version: p.version, title: p.title })),
    ageBand: context.ageBand,
    afterHours: context.afterHours,
    hoursBecause: context.hoursBecause,
    answers: [...view.answers],
    disposition: { id: view.disposition.id, because: view.disposition.because },
  };
}
