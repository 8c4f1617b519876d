import type { CallInfo, DraftStep, SaveDraftRequest } from '../../../../src-preload/contract';
import { type CallSessionSnapshot, workflowStepOf } from '../call-session';

const STEP_LABELS: Record<DraftStep, string> = {
  interview: 'interview in progress',
  disposition: 'disposition reached, not documented',
  escalation: 'red-flag screen done, escalation not documented',
};

/**
 * The draft to save for this moment of the call session, or null when there is nothing worth saving or the
 * session is between stable states (loading protocols, documenting: their in-flight requests cannot be
 * persisted, and the previous save already holds everything the user entered).
 */
export function draftOf(snapshot: CallSessionSnapshot, persisted: unknown): SaveDraftRequest | null {
  const { interview, patient, documentResult } = snapshot.context;
  if (!interview || documentResult) return null;
  const step = workflowStepOf(snapshot);
  const value = snapshot.value as { workflow: unknown };
  const running = step === 'interview' && (value.workflow as { interview?: string }).interview === 'running';
  if (!running && step !== 'disposition' && step !== 'escalation' && step !== 'scheduling') return null;
  // Scheduling comes after the disposition and is stored as that step (the snapshot holds the exact state):
  // a booking made before a crash comes back with the draft instead of inviting a second one.
  const draftStep: DraftStep = step === 'interview' ? 'interview' : step === 'scheduling' ? 'disposition' : step;
  const label = step === 'scheduling' ? 'scheduling a visit, not documented' : STEP_LABELS[draftStep];
  return {
    draftId: interview.draftId,
    patientId: patient?.id ?? null,
    label: `${patient?.displayName ?? 'Unknown patient'} · ${label}`,
    step: draftStep,
    snapshot: persisted,
  };
}

/**
 * A saved snapshot made ready to resume. When only the window restarted, main still has the call: the session
 * follows it as it is now. When the call is gone (main restarted too), the line shows it ended. Everything the
 * user documented is kept as it was.
 */
export function recoveredSnapshot(persisted: unknown, now: number, liveCall: CallInfo | null = null): CallSessionSnapshot {
  const saved = persisted as { value: Record<string, unknown>; context: { call: Record<string, unknown> | null } };
  const call = saved.context.call;
  if (liveCall && call && liveCall.callId === call.callId && liveCall.state !== 'ended') {
    return {
      ...saved,
      value: { ...saved.value, line: liveCall.state === 'ringing' ? 'ringing' : 'connected' },
      context: { ...saved.context, call: liveCall },
    } as unknown as CallSessionSnapshot;
  }
  return {
    ...saved,
    value: { ...saved.value, line: call ? 'ended' : 'noCall' },
    context: {
      ...saved.context,
      call: call
        ? { ...call, state: 'ended', held: false, endedAt: (call.endedAt as number | null) ?? now, endReason: (call.endReason as string | null) ?? 'Careline closed during the call' }
        : null,
    },
  } as unknown as CallSessionSnapshot;
}
