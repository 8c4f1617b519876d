import { type EscalationPriority, type Guard, type Protocol, disposition, isLinkOutcome, questionOutcomes } from '../../../../src-preload/contract';
import type { CallerWords, InterviewInput } from '../call-session';
import type { SymptomCheck } from './engine';

/** Dispositions that make a question an emergency question (a yes sends the caller to 911 or the ED now). */
const EMERGENCY_RANK = disposition('ed-now').rank;

/**
 * What the interview keeps from the symptom checker for the protocols actually run: the suggested answers
 * (to confirm, never recorded unconfirmed), the red flags raised with the screen questions they map to, and
 * the escalation priority an agent starts from. Pure.
 *
 * Priority: urgent when the words raised a red flag (even if the caller then denied it on the screen) or
 * answer yes to an emergency question of the chosen protocol that applies to this patient (its age band and
 * sex guards; other guards are assumed to hold, erring urgent); otherwise routine. Never stat: that is the
 * agent's call, and raising is always allowed.
 */
export function callerWordsFrom(check: SymptomCheck, protocols: readonly Protocol[], patient: Pick<InterviewInput, 'ageBand' | 'sex'> | null): CallerWords {
  const run = new Set(protocols.map((p) => p.id));
  const inRun = (ref: { protocolId: string }) => run.has(ref.protocolId);
  const redFlags = check.redFlags.map((f) => ({
    label: f.label,
    evidence: f.evidence.text,
    questions: f.questions.filter(inRun).map((q) => ({ protocolId: q.protocolId, questionId: q.questionId })),
  }));
  const emergencyTouched = check.preAnswers
    .filter((a) => a.answer === 'yes' && inRun(a))
    .find((ref) => isEmergencyQuestion(protocols, ref, patient));

  let suggestedPriority: EscalationPriority = 'routine';
  let priorityBecause = "Nothing in the caller's words points to an emergency.";
  if (redFlags.length > 0) {
    suggestedPriority = 'urgent';
    priorityBecause = `Red flag in the caller's words: ${redFlags.map((f) => `${f.label.toLowerCase()} ("${f.evidence}")`).join(', ')}.`;
  } else if (emergencyTouched) {
    suggestedPriority = 'urgent';
    priorityBecause = `The caller's words touch an emergency question: "${emergencyTouched.questionText ?? emergencyTouched.questionId}".`;
  }

  return {
    preAnswers: check.preAnswers.filter(inRun).map((a) => ({ protocolId: a.protocolId, questionId: a.questionId, answer: a.answer, because: a.because })),
    redFlags,
    suggestedPriority,
    priorityBecause,
  };
}

function isEmergencyQuestion(
  protocols: readonly Protocol[],
  ref: { protocolId: string; questionId: string },
  patient: Pick<InterviewInput, 'ageBand' | 'sex'> | null,
): boolean {
  const question = protocols.find((p) => p.id === ref.protocolId)?.questions.find((q) => q.id === ref.questionId);
  if (!question || !question.enableWhen.every((g) => mayHold(g, patient))) return false;
  // Any outcome of the question counts (a yes, an option, a band); a link counts with its floor, if any.
  return questionOutcomes(question).some(({ outcome }) => {
    const rule = isLinkOutcome(outcome) ? outcome.atLeast : outcome.disposition;
    if (rule === undefined) return false;
    const ids = typeof rule === 'string' ? [rule] : [rule.officeHours, rule.afterHours];
    return ids.some((id) => disposition(id).rank <= EMERGENCY_RANK);
  });
}

/** Whether a question's guard can hold for this patient: only age band and sex are known before the interview. */
function mayHold(guard: Guard, patient: Pick<InterviewInput, 'ageBand' | 'sex'> | null): boolean {
  if (!patient) return true;
  if (guard.type === 'ageBand') return guard.params.in.includes(patient.ageBand);
  if (guard.type === 'sex') return guard.params.in.includes(patient.sex);
  return true;
}
