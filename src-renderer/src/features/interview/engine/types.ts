import type { z } from 'zod';
import type { AgeBand, AnswerSource, CALLER_ROLES, DispositionId, DispositionRule, Guard, PREGNANCY_STATES, Sex } from '../../../../../src-preload/contract';

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
  /** Age in completed months, for `ageMonths` conditions (null or omitted: unknown, the condition holds). */
  readonly ageMonths?: number | null;
  /** Omitted: 'unknown'. */
  readonly pregnancy?: Pregnancy;
  /** USPS state code where the patient is (null or omitted: unknown). */
  readonly state?: string | null;
  /** 5-digit zip where the patient is (null or omitted: unknown). */
  readonly zip?: string | null;
  /** Site-local wall-clock time 'HH:MM' when the interview starts (null or omitted: unknown). */
  readonly localTime?: string | null;
  /** Who is calling; omitted: 'self'. */
  readonly callerRole?: CallerRole;
  /**
   * Where `state`/`zip` came from: the caller's answer or the chart address (null or omitted: not given).
   * Never branched on; kept so the record says why a location question was or was not asked.
   */
  readonly locationSource?: LocationSource | null;
}

export type LocationSource = 'caller' | 'chart';

export type Pregnancy = (typeof PREGNANCY_STATES)[number];
export type CallerRole = (typeof CALLER_ROLES)[number];

/** The input with every optional field filled in: what the machine keeps in context. */
export type ResolvedInterviewInput = Required<InterviewInput>;

/**
 * An answer. Yes-no questions take 'yes' or 'no'; choice, number and free-text questions take their value or
 * 'unknown' (the caller does not know). An answer of the wrong shape for the current question is ignored.
 */
export type AnswerValue =
  | 'yes'
  | 'no'
  | 'unknown'
  | { readonly choice: string }
  | { readonly choices: readonly string[] }
  | { readonly number: number }
  | { readonly text: string };
/** The v1 name: an answer to a yes-no question. */
export type Answer = 'yes' | 'no';

/** One question reached by the interview: answered, or skipped because its `enableWhen` failed. */
export interface AnswerEntry {
  readonly protocolId: string;
  readonly questionId: string;
  readonly answer: AnswerValue | 'not-asked';
  /** Epoch ms carried by the ANSWER event (`at`), or null when not given or not asked. */
  readonly at: number | null;
  /** Where the answer came from (the ANSWER event's `source`, 'asked' by default); null when not asked. */
  readonly source: AnswerSource | null;
}

/**
 * The outcome reached: an answer to `questionId` (which one: `reachedBy`), or the fallback (`questionId: null`)
 * of `protocolId`.
 */
export interface Decision {
  readonly protocolId: string;
  readonly questionId: string | null;
  readonly disposition: DispositionId;
  /** True when the other hours verdict would have given another disposition. */
  readonly dependsOnHours: boolean;
  /**
   * Which outcome decided: 'yes', 'option:<id>', 'band:<index>', 'unknown', 'fallback', or
   * 'link-audience:<protocolId>' (a link to a protocol not written for this age band: escalated instead).
   */
  readonly reachedBy: string;
}

/** A link followed ("go to Chest Pain"): its `atLeast` is a floor for the final disposition. */
export interface LinkEntry {
  readonly protocolId: string;
  readonly questionId: string;
  readonly goTo: string;
  /** The floor resolved for this interview's hours verdict, and under the other verdict; null when none. */
  readonly atLeast: DispositionId | null;
  readonly atLeastOtherHours: DispositionId | null;
  /** Index in `answers` of the answer that followed the link (BACK past it removes the link). */
  readonly answerIndex: number;
}

export interface ProtocolRef {
  readonly id: string;
  readonly version: string;
}

/** Machine context: plain JSON only, so `getPersistedSnapshot()` can be stored and resumed. */
export interface InterviewContext extends ResolvedInterviewInput {
  /** The protocols (id + version, in order) this interview was compiled from; checked on resume. */
  readonly protocols: readonly ProtocolRef[];
  /** Questions reached, in order (answered or not asked). */
  readonly answers: readonly AnswerEntry[];
  /** Links followed, in order. */
  readonly links: readonly LinkEntry[];
  readonly decision: Decision | null;
}

export type InterviewEvent =
  /**
   * Answer the current question. `at` (epoch ms) is recorded as `answeredAt`; the machine never reads a clock.
   * `source` says where the answer came from ('asked' when omitted), e.g. 'callers-words' for a confirmed
   * pre-answer of the symptom checker.
   */
  | { readonly type: 'ANSWER'; readonly answer: AnswerValue; readonly at?: number; readonly source?: AnswerSource }
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

/** What the engine needs of a question to accept or refuse an answer (plain data, in the compiled config). */
export interface AnswerSpec {
  readonly type: 'yes-no' | 'single-choice' | 'multi-choice' | 'number' | 'free-text';
  readonly optionIds: readonly string[];
  readonly unit: string | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly decimals: number | null;
  readonly maxLength: number | null;
}

/** Which answers take a transition (the compiled config names them as data). */
export type AnswerMatch =
  | { readonly kind: 'yes' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'choice'; readonly optionId: string }
  | { readonly kind: 'anyChoice'; readonly optionIds: readonly string[] }
  | { readonly kind: 'band'; readonly atLeast?: number; readonly below?: number };

export interface AnswerMatchesParams {
  readonly match: AnswerMatch;
  /** For a link: only when the patient's age band is (`included: true`) or is not in these bands. */
  readonly audience?: { readonly ageBands: readonly AgeBand[]; readonly included: boolean };
}

export interface DecideParams {
  readonly protocolId: string;
  readonly questionId: string | null;
  readonly reachedBy: string;
  /** The disposition is the most urgent of these (resolved by hours) and of every link floor followed. */
  readonly rules: readonly DispositionRule[];
}

export interface DecideChosenParams {
  readonly protocolId: string;
  readonly questionId: string;
  /** Options that carry an outcome; the most urgent chosen one decides. */
  readonly options: readonly { readonly id: string; readonly rule: DispositionRule }[];
}

export interface FollowLinkParams {
  readonly protocolId: string;
  readonly questionId: string;
  readonly goTo: string;
  readonly atLeast: DispositionRule | null;
}
