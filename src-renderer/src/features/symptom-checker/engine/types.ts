/** Output of the symptom checker. Every span indexes into the text that was checked. */
export type FindingStatus = 'present' | 'absent' | 'uncertain';

export interface Evidence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface TemperatureValue {
  readonly kind: 'temperature';
  readonly value: number;
  readonly unit: 'F' | 'C';
  /** True when the caller gave no unit and it was inferred from the range. */
  readonly unitInferred: boolean;
  readonly celsius: number;
  readonly fahrenheit: number;
}

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface Duration extends Evidence {
  /** Approximate length in hours, or null when it cannot be known ("since Monday"). */
  readonly hours: number | null;
  readonly amount: number | null;
  readonly unit: DurationUnit | null;
  /** For "since X": X as said. */
  readonly since: string | null;
}

export type MatchKind = 'term' | 'abbreviation' | 'spelling' | 'number';

export interface Mention {
  readonly status: FindingStatus;
  readonly evidence: Evidence;
  readonly matchedBy: MatchKind;
  /** The negation or uncertainty cue that set the status, when one did. */
  readonly cue: Evidence | null;
}

export interface Finding {
  readonly id: string;
  readonly label: string;
  /** Merged over mentions: the same status everywhere, present beats uncertain, present + absent -> uncertain. */
  readonly status: FindingStatus;
  readonly evidence: Evidence;
  readonly redFlag: boolean;
  readonly matchedBy: MatchKind;
  readonly mentions: readonly Mention[];
  readonly value?: TemperatureValue;
  readonly duration?: Duration;
}

export interface QuestionRef {
  readonly protocolId: string;
  readonly questionId: string;
  readonly questionText?: string;
}

export interface RedFlag {
  readonly findingId: string;
  readonly label: string;
  /** 'uncertain' red flags are raised too: the agent must ask. */
  readonly status: 'present' | 'uncertain';
  readonly evidence: Evidence;
  /** The red-flag screen questions this finding maps to (may be empty). */
  readonly questions: readonly QuestionRef[];
}

export interface ProtocolReason {
  readonly findingId: string;
  readonly label: string;
  readonly status: 'present' | 'uncertain';
  readonly weight: number;
  readonly contribution: number;
  readonly evidence: Evidence;
}

export interface RankedProtocol {
  readonly protocolId: string;
  readonly score: number;
  readonly because: readonly ProtocolReason[];
  /** One line the agent can read: `chest pain ("chset pain"), shortness of breath ("SOB" — uncertain)`. */
  readonly explanation: string;
}

export interface PreAnswer extends QuestionRef {
  readonly answer: 'yes' | 'no';
  /** `from caller's words: "…"` */
  readonly because: string;
  readonly findingIds: readonly string[];
  readonly evidence: readonly Evidence[];
}

/** A question the words touched but that the safety rules keep for the agent to ask. */
export interface WithheldAnswer extends QuestionRef {
  readonly wouldBe: 'yes' | 'no';
  readonly reason: string;
}

export interface SymptomCheck {
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly redFlags: readonly RedFlag[];
  readonly protocols: readonly RankedProtocol[];
  readonly preAnswers: readonly PreAnswer[];
  readonly withheld: readonly WithheldAnswer[];
  readonly durations: readonly Duration[];
}
