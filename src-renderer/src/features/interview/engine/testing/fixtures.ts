// Test support only (not exported from the engine): the demonstration protocols and small drivers.
import { createActor } from 'xstate';
import { AGE_BANDS, disposition, Protocol, type AgeBand, type Question } from '../../../../../../src-preload/contract';
import feverJson from '../../../../../../resources/protocols/fever.json';
import redFlagsJson from '../../../../../../resources/protocols/red-flags.json';
import soreThroatJson from '../../../../../../resources/protocols/sore-throat.json';
import { compileInterview, type InterviewMachine } from '../compileInterview';
import { questionKey } from '../interviewPlan';
import type { Answer, InterviewContext, InterviewInput, InterviewSex } from '../types';
import { contentGuardHolds, resolveRule } from '../vocabulary';

export const redFlags = Protocol.parse(redFlagsJson);
export const fever = Protocol.parse(feverJson);
export const soreThroat = Protocol.parse(soreThroatJson);

/** Every symptom protocol installed in resources/protocols (picked up automatically, sorted by file name). */
const installed = import.meta.glob<unknown>('../../../../../../resources/protocols/*.json', { eager: true, import: 'default' });
export const symptomProtocols: readonly Protocol[] = Object.keys(installed)
  .sort()
  .map((path) => Protocol.parse(installed[path]))
  .filter((p) => p.kind === 'symptom');

export const PROTOCOL_SETS: readonly (readonly [string, readonly Protocol[]])[] = symptomProtocols.map(
  (p) => [`red-flags + ${p.id}`, [redFlags, p]] as const,
);

export const SEXES: readonly InterviewSex[] = ['male', 'female', 'other', 'unknown'];

export function inputOf(ageBand: AgeBand, afterHours: boolean, sex: InterviewSex = 'female'): InterviewInput {
  return {
    ageBand,
    sex,
    afterHours,
    hoursBecause: afterHours
      ? 'closed: hours Mon 08:00-17:00, now Mon 18:05 America/New_York'
      : 'open: hours Mon 08:00-17:00, now Mon 10:15 America/New_York',
  };
}

/** Every input the content branches on: age band x after hours x sex. */
export function allInputs(): InterviewInput[] {
  return AGE_BANDS.flatMap((ageBand) => [false, true].flatMap((afterHours) => SEXES.map((sex) => inputOf(ageBand, afterHours, sex))));
}

export interface FlatQuestion {
  readonly key: string;
  readonly protocol: Protocol;
  readonly question: Question;
}
export function flatQuestions(protocols: readonly Protocol[]): FlatQuestion[] {
  return protocols.flatMap((protocol) => protocol.questions.map((question) => ({ key: questionKey(protocol.id, question.id), protocol, question })));
}

/**
 * Which questions apply to a patient if every applicable question were asked and answered per `truth`
 * (no early stop): the hypothetical the safety invariant is stated against.
 */
export function applicableQuestions(protocols: readonly Protocol[], input: InterviewInput, truth: (key: string) => boolean): FlatQuestion[] {
  const answers: InterviewContext['answers'][number][] = [];
  const applicable: FlatQuestion[] = [];
  for (const q of flatQuestions(protocols)) {
    const context: InterviewContext = { ...input, protocols: [], answers, decision: null };
    if (q.question.enableWhen.every((g) => contentGuardHolds(context, g, q.protocol.id))) {
      applicable.push(q);
      answers.push({ protocolId: q.protocol.id, questionId: q.question.id, answer: truth(q.key) ? 'yes' : 'no', at: null, source: 'asked' });
    } else {
      answers.push({ protocolId: q.protocol.id, questionId: q.question.id, answer: 'not-asked', at: null, source: null });
    }
  }
  return applicable;
}

export function rankOf(q: FlatQuestion, afterHours: boolean): number {
  return disposition(resolveRule(q.question.onYes.disposition, afterHours)).rank;
}

/** Start an actor, answer in order, return it (still running unless confirmed). */
export function runInterview(machine: InterviewMachine, input: InterviewInput, answers: readonly Answer[]) {
  const actor = createActor(machine, { input });
  actor.start();
  for (const answer of answers) actor.send({ type: 'ANSWER', answer });
  return actor;
}

/** Answer truthfully from a truth table until decided. */
export function answerTruthfully(machine: InterviewMachine, input: InterviewInput, truth: (key: string) => boolean) {
  const actor = createActor(machine, { input });
  actor.start();
  for (let guard = 0; guard < 1000; guard += 1) {
    const snap = actor.getSnapshot();
    if (!snap.hasTag('question')) break;
    actor.send({ type: 'ANSWER', answer: truth(String(snap.value)) ? 'yes' : 'no' });
  }
  return actor;
}

export const compiled = new Map(PROTOCOL_SETS.map(([name, ps]) => [name, compileInterview(ps)] as const));
