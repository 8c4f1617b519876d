import { createActor } from 'xstate';
import type { InterviewOutcome, InterviewSession } from '../call-session';
import { type InterviewView, compileInterview, restoreInterview } from './engine';
import { interviewContentOf } from './interviewContent';

/** The call session's outcome (plain data) from the engine's view once a disposition is reached. */
export function outcomeFromView(view: InterviewView): InterviewOutcome | null {
  if (!view.disposition) return null;
  return {
    answers: view.answers.map((a) => ({ ...a })),
    disposition: { id: view.disposition.id, because: view.disposition.because },
    careAdvice: view.careAdvice.map((a) => ({ id: a.id, title: a.title, text: a.text })),
  };
}

/**
 * The persisted interview one answer back (to change the answer that reached the disposition), or null when
 * the stored snapshot cannot be resumed with these protocols.
 */
export function persistedSnapshotAfterBack(
  interview: Pick<InterviewSession, 'protocolIds' | 'protocols' | 'input' | 'persistedSnapshot'>,
): unknown {
  const { input, persistedSnapshot: persisted } = interview;
  const { chain, options } = interviewContentOf(interview.protocolIds, interview.protocols);
  const machine = compileInterview(chain, options);
  const restored = restoreInterview(chain, persisted, machine, options);
  if (!restored.ok) return null;
  const actor = createActor(machine, { input, snapshot: restored.snapshot });
  actor.start();
  actor.send({ type: 'BACK' });
  const back = actor.getPersistedSnapshot();
  actor.stop();
  return back;
}
