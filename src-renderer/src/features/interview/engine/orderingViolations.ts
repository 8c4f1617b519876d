import { disposition, isLinkOutcome, questionOutcomes, type Protocol, type Question } from '../../../../../src-preload/contract';
import { resolveRule } from './vocabulary';

/**
 * A question's most urgent outcome rank under one hours verdict: its yes, its most urgent option or band, its
 * ifUnknown. A link counts with its `atLeast` (or not at all without one). Null when it never decides.
 */
export function mostUrgentRankOf(q: Question, afterHours: boolean): number | null {
  const ranks = questionOutcomes(q).flatMap(({ outcome }) => {
    const rule = isLinkOutcome(outcome) ? outcome.atLeast : outcome.disposition;
    return rule === undefined ? [] : [disposition(resolveRule(rule, afterHours)).rank];
  });
  return ranks.length === 0 ? null : Math.min(...ranks);
}

/**
 * The first-yes-wins ordering check, for content authors and loaders: the interview stops at the first answer
 * with an outcome, so a question whose most urgent outcome is less urgent than a LATER question's could stop a
 * caller who has both at the lesser one. Each such pair is reported (office and after hours), unless the earlier
 * question carries `orderException` (its reason). [] when the protocol is in order.
 */
export function orderingViolations(protocol: Protocol): string[] {
  const problems: string[] = [];
  for (const afterHours of [false, true]) {
    const verdict = afterHours ? 'after hours' : 'office hours';
    protocol.questions.forEach((q, i) => {
      if (q.orderException !== undefined) return;
      const rank = mostUrgentRankOf(q, afterHours);
      if (rank === null) return;
      for (const later of protocol.questions.slice(i + 1)) {
        const laterRank = mostUrgentRankOf(later, afterHours);
        if (laterRank !== null && laterRank < rank) {
          problems.push(`${protocol.id}/${q.id} (${verdict}) is less urgent than later question ${later.id}; reorder, or give ${q.id} an orderException saying why it is safe`);
        }
      }
    });
  }
  return problems;
}
