import { Protocol, type Outcome, type Question } from '../../../../../src-preload/contract';
import type { ProtocolRef } from './types';

/** Thrown when a list of protocols cannot make a safe interview. The message is for the content author. */
export class InterviewCompileError extends Error {
  override readonly name = 'InterviewCompileError';
}

export interface PlannedQuestion {
  /** State key: `${protocolId}/${questionId}` (ids are [a-z0-9-]+, so the key is unambiguous). */
  readonly key: string;
  readonly protocol: Protocol;
  readonly question: Question;
  /** 0-based position among all questions of the interview. */
  readonly index: number;
  /** 0-based position within its protocol. */
  readonly indexInProtocol: number;
}

/** The ordered, validated layout of an interview: what the compiler and the readers share. */
export interface InterviewPlan {
  readonly protocols: readonly Protocol[];
  readonly refs: readonly ProtocolRef[];
  readonly questions: readonly PlannedQuestion[];
  readonly byKey: ReadonlyMap<string, PlannedQuestion>;
  /** The protocol whose fallback applies when nothing was answered yes: the last symptom protocol. */
  readonly fallbackProtocol: Protocol & { readonly fallback: Outcome };
}

export const DECIDED = 'decided';
export const CONFIRMED = 'confirmed';

export function questionKey(protocolId: string, questionId: string): string {
  return `${protocolId}/${questionId}`;
}

const plans = new WeakMap<readonly Protocol[], InterviewPlan>();

/**
 * Validate and lay out an ordered list of protocols (normally [red-flag screen, one symptom protocol]).
 * Every protocol is re-checked with the contract schema; the list must put every red-flag screen before every
 * symptom protocol (a red flag is never asked after a symptom question) and hold at least one symptom protocol.
 */
export function planInterview(protocols: readonly Protocol[]): InterviewPlan {
  const cached = plans.get(protocols);
  if (cached) return cached;
  if (protocols.length === 0) throw new InterviewCompileError('an interview needs at least one protocol');

  const parsed = protocols.map((p, i) => {
    const result = Protocol.safeParse(p);
    if (!result.success) {
      const first = result.error.issues[0];
      throw new InterviewCompileError(`protocol #${i} (${String((p as { id?: unknown }).id)}) is invalid: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim());
    }
    return result.data;
  });

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

  const questions: PlannedQuestion[] = [];
  for (const protocol of parsed) {
    protocol.questions.forEach((question, indexInProtocol) => {
      questions.push({ key: questionKey(protocol.id, question.id), protocol, question, index: questions.length, indexInProtocol });
    });
  }

  const plan: InterviewPlan = {
    protocols: parsed,
    refs: parsed.map((p) => ({ id: p.id, version: p.version })),
    questions,
    byKey: new Map(questions.map((q) => [q.key, q])),
    fallbackProtocol: fallbackProtocol as InterviewPlan['fallbackProtocol'],
  };
  plans.set(protocols, plan);
  return plan;
}
