import {
  type CallSessionSnapshot,
  type WorkflowStep,
  selectStep,
  useCallSession,
  useCallSessionActor,
  workflowStepOf,
} from '../call-session';
import type { UpcomingAppointmentActions } from './UpcomingAppointments';

const RESCHEDULE_PROBE = { type: 'SCHEDULE.OPEN', reschedule: { appointmentId: 'probe', visitTypeLabel: '', label: '' } } as const;

/** Whether the call session would open a reschedule now: the machine decides, so the button never promises more. */
function selectCanReschedule(s: CallSessionSnapshot): boolean {
  return s.can(RESCHEDULE_PROBE);
}

/** The chart's cancel and reschedule wiring: a reschedule opens the scheduling pane for that appointment. */
export function useAppointmentActions(): UpcomingAppointmentActions {
  const actor = useCallSessionActor();
  const step = useCallSession(selectStep);
  const canReschedule = useCallSession(selectCanReschedule);
  const beingRescheduled = useCallSession((s) => (workflowStepOf(s) === 'scheduling' ? (s.context.scheduling?.reschedule?.appointmentId ?? null) : null));
  return {
    beingRescheduled,
    rescheduleBlocked: canReschedule ? null : rescheduleBlockedReason(step),
    onReschedule: (appointment, summary) =>
      actor.send({
        type: 'SCHEDULE.OPEN',
        reschedule: { appointmentId: appointment.id, visitTypeId: appointment.visitTypeId ?? null, visitTypeLabel: appointment.visitTypeLabel, label: summary },
      }),
  };
}

/** Why Reschedule is not available at this step, in words the agent can act on. */
function rescheduleBlockedReason(step: WorkflowStep): string {
  if (step === 'scheduling') return 'Finish or close the scheduling on screen first.';
  if (step === 'interview') return 'Reschedule after the interview (from the disposition or the wrap-up).';
  if (step === 'documenting') return 'Saving the documentation; reschedule in a moment.';
  return 'Reschedule once the call reaches the reason, disposition or wrap-up step.';
}
