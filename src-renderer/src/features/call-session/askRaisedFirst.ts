import {
  type DispositionRule,
  type Outcome,
  type Protocol,
  type Question,
  disposition,
  isLinkOutcome,
  questionOutcomes,
} from '../../../../src-preload/contract';
import type { RaisedRedFlag } from './types';

/**
 * The red-flag screen with the questions the caller's words raised asked first: a caller who said "his face is
 * drooping" is asked about stroke signs at once, not after four unrelated questions. A raised question moves ahead
 * only where the protocol's own rules still hold:
 * - it depends on no other answer (its `enableWhen` reads only the inputs: age, sex, hours, location…);
 * - "first yes wins": its most urgent outcome is at least as urgent as that of every question it moves ahead of
 *   (so stopping at its yes never under-triages). On the red-flag screen every yes is "call 911", so all can move.
 * Raised questions keep their relative order. Symptom protocols are left as written.
 */
export function askRaisedFirst(protocols: readonly Protocol[], raised: readonly RaisedRedFlag[]): Protocol[] {
  return protocols.map((protocol) => {
    if (protocol.kind !== 'red-flag-screen') return protocol;
    const wanted = new Set(raised.flatMap((f) => f.questions.filter((q) => q.protocolId === protocol.id).map((q) => q.questionId)));
    if (wanted.size === 0) return protocol;
    const first: Question[] = [];
    const rest: Question[] = [];
    for (const question of protocol.questions) {
      const movable = wanted.has(question.id) && dependsOnNoAnswer(question) && rest.every((jumped) => rankOf(question) <= rankOf(jumped));
      (movable ? first : rest).push(question);
    }
    return first.length === 0 ? protocol : { ...protocol, questions: [...first, ...rest] };
  });
}

function dependsOnNoAnswer(question: Question): boolean {
  return question.enableWhen.every((c) => c.type !== 'answered' && c.type !== 'choice' && c.type !== 'number');
}

/** The most urgent rank a question can reach (0 = 911); a link without a floor, or no outcome, ranks last. */
function rankOf(question: Question): number {
  const ranks = questionOutcomes(question).map(({ outcome }) => outcomeRank(outcome));
  return ranks.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...ranks);
}

function outcomeRank(outcome: Outcome): number {
  const rule: DispositionRule | undefined = isLinkOutcome(outcome) ? outcome.atLeast : outcome.disposition;
  if (rule === undefined) return Number.POSITIVE_INFINITY;
  const ids = typeof rule === 'string' ? [rule] : [rule.officeHours, rule.afterHours];
  return Math.min(...ids.map((id) => disposition(id).rank));
}
