import { createActor } from 'xstate';
import type { Protocol } from '../../../../src-preload/contract';
import type { InterviewInput, InterviewOutcome } from '../call-session';
import { type InterviewView, compileInterview, restoreInterview } from './engine';

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
  protocols: readonly Protocol[],
  input: InterviewInput,
  persisted: unknown,
): unknown {
  const machine = compileInterview(protocols);
  const restored = restoreInterview(protocols, persisted, machine);
  if (!restored.ok) return null;
  const actor = createActor(machine, { input, snapshot: restored.snapshot });
  actor.start();
  actor.send({ type: 'BACK' });
  const back = actor.getPersistedSnapshot();
  actor.stop();
  return back;
}
