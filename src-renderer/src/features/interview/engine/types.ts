import type { z } from 'zod';
import type { AgeBand, AnswerSource, DispositionId, DispositionRule, Guard, Sex } from '../../../../../src-preload/contract';

/** Patient sex as the contract spells it. */
export type InterviewSex = z.infer<typeof Sex>;

/**
 * What the interview branches on, fixed when it starts: `createActor(machine, { input })`.
 * `hoursBecause` is the site-hours verdict in words (`officeHoursAt(...).because`), quoted in the disposition.
 */
export interface InterviewInput {
  readonly ageBand: AgeBand;
  readonly sex: InterviewSex;
  readonly afterHours: boolean;
  readonly hoursBecause: string;
}

export type Answer = 'yes' | 'no';

/** One question reached by the interview: answered, or skipped because its `enableWhen` failed. */
export interface AnswerEntry {
  readonly protocolId: string;
  readonly questionId: string;
  readonly answer: Answer | 'not-asked';
  /** Epoch ms carried by the ANSWER event (`at`), or null when not given or not asked. */
  readonly at: number | null;
  /** Where the answer came from (the ANSWER event's `source`, 'asked' by default); null when not asked. */
  readonly source: AnswerSource | null;
}

/** The outcome reached: a yes to `questionId`, or the fallback (`questionId: null`) of `protocolId`. */
export interface Decision {
  readonly protocolId: string;
  readonly questionId: string | null;
  readonly disposition: DispositionId;
  /** True when the rule was `{ officeHours, afterHours }`, so the hours verdict decided between two. */
  readonly dependsOnHours: boolean;
}

export interface ProtocolRef {
  readonly id: string;
  readonly version: string;
}

/** Machine context: plain JSON only, so `getPersistedSnapshot()` can be stored and resumed. */
export interface InterviewContext extends InterviewInput {
  /** The protocols (id + version, in order) this interview was compiled from; checked on resume. */
  readonly protocols: readonly ProtocolRef[];
  /** Questions reached, in order (answered or not asked). */
  readonly answers: readonly AnswerEntry[];
  readonly decision: Decision | null;
}

export type InterviewEvent =
  /**
   * Answer the current question. `at` (epoch ms) is recorded as `answeredAt`; the machine never reads a clock.
   * `source` says where the answer came from ('asked' when omitted), e.g. 'callers-words' for a confirmed
   * pre-answer of the symptom checker.
   */
  | { readonly type: 'ANSWER'; readonly answer: Answer; readonly at?: number; readonly source?: AnswerSource }
  /** Undo the last answer (and the disposition it reached, if any). */
  | { readonly type: 'BACK' }
  /** Accept the disposition shown in 'decided': the machine finishes with its output. */
  | { readonly type: 'CONFIRM' };

export interface CareAdviceBlock {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface ResolvedDisposition {
  readonly id: DispositionId;
  /** The triggering answer (or "no to everything") and, when the rule depended on it, the hours verdict. */
  readonly because: string;
}

/** The machine's `output` once CONFIRMed; the same as what `readInterview` derives in 'decided'. */
export interface InterviewOutput {
  readonly disposition: ResolvedDisposition;
  readonly decision: Decision;
  readonly careAdvice: readonly CareAdviceBlock[];
}

/** Params of the engine's guards and actions (the compiled config refers to them as `{ type, params }`). */
export interface QuestionRef {
  readonly protocolId: string;
  readonly questionId: string;
}
export interface NotEnabledParams {
  readonly protocolId: string;
  readonly enableWhen: readonly Guard[];
}
export interface DecideParams {
  readonly protocolId: string;
  readonly questionId: string | null;
  readonly rule: DispositionRule;
}
