import type { DocumentEncounterRequest, Outcome, Protocol, RecordedAnswer } from '../../../../../src-preload/contract';
import { CONFIRMED, DECIDED, planInterview, questionKey, type InterviewPlan } from './interviewPlan';
import type { CareAdviceBlock, Decision, InterviewContext, InterviewOutput, ResolvedDisposition } from './types';
import { lastAnswered } from './vocabulary';

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

function outcomeOf(plan: InterviewPlan, decision: Decision): { protocol: Protocol; outcome: Outcome; questionText: string | null } {
  if (decision.questionId === null) {
    const protocol = plan.protocols.find((p) => p.id === decision.protocolId);
    if (!protocol?.fallback) throw new Error(`no fallback in ${decision.protocolId}`);
    return { protocol, outcome: protocol.fallback, questionText: null };
  }
  const planned = plan.byKey.get(questionKey(decision.protocolId, decision.questionId));
  if (!planned) throw new Error(`unknown question ${decision.protocolId}/${decision.questionId}`);
  return { protocol: planned.protocol, outcome: planned.question.onYes, questionText: planned.question.text };
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
function resolveDisposition(plan: InterviewPlan, context: InterviewContext, decision: Decision): ResolvedDisposition {
  const { outcome, questionText } = outcomeOf(plan, decision);
  const asked = context.answers.filter((a) => a.answer !== 'not-asked').length;
  const trigger =
    questionText !== null
      ? `Yes to '${questionText}'`
      : asked > 0
        ? `No to all ${asked} questions asked`
        : 'No question applied';
  const head = decision.dependsOnHours ? `${trigger} · ${hoursVerdictText(context)}` : trigger;
  const because = `${head} · ${outcome.because}`;
  return { id: decision.disposition, because: clip(because, MAX_BECAUSE) };
}

function careAdviceOf(plan: InterviewPlan, decision: Decision): CareAdviceBlock[] {
  const { protocol, outcome } = outcomeOf(plan, decision);
  return outcome.careAdviceIds.flatMap((id) => {
    const block = protocol.careAdvice.find((a) => a.id === id);
    return block ? [{ id: block.id, title: block.title, text: block.text }] : [];
  });
}

function recordedAnswers(plan: InterviewPlan, context: InterviewContext): RecordedAnswer[] {
  return context.answers.map((a) => {
    const planned = plan.byKey.get(questionKey(a.protocolId, a.questionId));
    return {
      protocolId: a.protocolId,
      questionId: a.questionId,
      text: clip(planned?.question.text ?? a.questionId, MAX_TEXT),
      answer: a.answer,
      source: a.answer === 'not-asked' ? null : a.source,
      answeredAt: a.answer === 'not-asked' ? null : a.at,
    };
  });
}

/** The machine's output (used by the compiled machine on 'confirmed'). */
export function outputOf(plan: InterviewPlan, context: InterviewContext): InterviewOutput {
  const decision = context.decision;
  if (!decision) throw new Error('the interview has no decision');
  return { disposition: resolveDisposition(plan, context, decision), decision, careAdvice: careAdviceOf(plan, decision) };
}

/**
 * Everything the UI shows, derived from a snapshot: the current question with its progress, the recorded
 * answers, and once decided the disposition (with its reason) and the care advice. `protocols` must be the
 * list the machine was compiled from (checked against the ids and versions kept in context).
 */
export function readInterview(protocols: readonly Protocol[], snapshot: InterviewSnapshotLike): InterviewView {
  const plan = planInterview(protocols);
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
      careAdvice: careAdviceOf(plan, decision),
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
    },
    answers,
    disposition: null,
    decision: null,
    careAdvice: [],
    canGoBack,
  };
}

export type DocumentedInterview = DocumentEncounterRequest['interview'];

/**
 * The `interview` part of DocumentEncounterRequest, once a disposition is reached ('decided' or 'confirmed');
 * null while still asking.
 */
export function documentedInterview(protocols: readonly Protocol[], snapshot: InterviewSnapshotLike): DocumentedInterview | null {
  const view = readInterview(protocols, snapshot);
  if (!view.disposition) return null;
  const plan = planInterview(protocols);
  const { context } = snapshot;
  return {
    protocols: plan.protocols.map((p) => ({ id: p.id, version: p.version, title: p.title })),
    ageBand: context.ageBand,
    afterHours: context.afterHours,
    hoursBecause: context.hoursBecause,
    answers: [...view.answers],
    disposition: { id: view.disposition.id, because: view.disposition.because },
  };
}
