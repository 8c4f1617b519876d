import type { AgeBand } from '../../src-preload/contract';
import type { SymptomCheck } from '../../src-renderer/src/features/symptom-checker/engine';
import type { TriageQuestion, TriageRedFlag } from './headlessTriage';

/**
 * What headless triage did with each red flag the words raised, and a warning for every red flag nothing
 * could act on (no screen question covers it, or its question does not apply to the age band): safety
 * first, so a red flag is never silently dropped. Pure.
 */
export function describeRedFlags(check: SymptomCheck, questions: readonly TriageQuestion[] | null, ageBand: AgeBand): { redFlags: TriageRedFlag[]; warnings: string[] } {
  const warnings: string[] = [];
  const redFlags = check.redFlags.map((flag): TriageRedFlag => {
    const keys = flag.questions.map((q) => `${q.protocolId}/${q.questionId}`);
    const reached = questions?.filter((q) => keys.includes(q.key)) ?? [];
    let handling: string;
    if (keys.length === 0) {
      handling = 'no red-flag screen question covers it: a nurse must review this call now';
      warnings.push(`red flag "${flag.label}" ("${flag.evidence.text}") is not covered by any red-flag screen question: a nurse must review this call now`);
    } else if (questions === null) {
      handling = 'no protocol was chosen, so the red-flag screen was not run: escalate to a nurse now';
    } else if (reached.some((q) => q.answer === 'yes')) {
      handling = reached.some((q) => q.answer === 'yes' && q.source === 'answers-file')
        ? 'answered "yes" by the answers file'
        : flag.status === 'uncertain'
          ? 'uncertain, answered "yes" to escalate (nobody can ask in headless mode)'
          : 'answered "yes" from the caller\'s words';
    } else if (reached.length > 0 && reached.every((q) => q.answer === 'not-asked')) {
      handling = `its screen question does not apply to age band ${ageBand}`;
      warnings.push(`red flag "${flag.label}" ("${flag.evidence.text}") was raised, but its screen question does not apply to age band ${ageBand}`);
    } else if (reached.length === 0) {
      handling = 'not reached: an earlier "yes" already decided the disposition';
    } else {
      handling = 'its screen question was answered "no" by the answers file';
    }
    return { findingId: flag.findingId, label: flag.label, status: flag.status, words: flag.evidence.text, questions: keys, handling };
  });
  return { redFlags, warnings };
}

