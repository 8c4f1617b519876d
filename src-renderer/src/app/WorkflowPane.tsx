import { Alert, Stack, Text, Title } from '@mantine/core';
import { CallLogPanel } from '../features/agent-state';
import { selectCall, selectStep, useCallSession } from '../features/call-session';
import { DispositionPane } from '../features/disposition';
import { RecoveredDrafts } from '../features/drafts';
import { CallerWordsFirst, EmergencyPane } from '../features/emergency';
import { EscalationPane, HandoffContext, WarmTransferPane } from '../features/escalation';
import { InterviewPane } from '../features/interview';
import { ReasonPane } from '../features/reason';
import { SchedulingPane } from '../features/scheduling';
import { WrapUpPane } from '../features/wrap-up';
import { Shortcut, formatPhone } from '../ui';

/** The main pane: whatever the workflow step asks the agent to do now. */
export function WorkflowPane() {
  const step = useCallSession(selectStep);
  const call = useCallSession(selectCall);
  const escalated = useCallSession((s) => s.context.redFlagScreen !== null);
  const emergencyHandled = useCallSession((s) => (s.context.emergency?.handledAt ?? null) !== null && s.context.emergency?.leftBecause === null);
  switch (step) {
    case 'idle':
      return (
        <Stack gap="xs" data-testid="workflow-idle">
          <Title order={2} size="h4">
            Ready
          </Title>
          <Text c="dimmed">Waiting for the next call. The caller&apos;s chart pops as soon as the phone rings.</Text>
          <RecoveredDrafts />
          <CallLogPanel />
        </Stack>
      );
    case 'ringing':
      return (
        <Stack gap="sm">
          <Alert color="orange" variant="light" title="Incoming call" data-testid="workflow-ringing">
            <Text size="sm">
              {call ? formatPhone(call.from.e164, call.from.raw) : 'A caller'} is ringing. Answer with the button or{' '}
              <Shortcut keys="Alt+A" />; candidates are already on the left.
            </Text>
          </Alert>
          {/* A warm transfer: the escalation it carries, before anyone says hello. */}
          {call ? <HandoffContext callId={call.callId} /> : null}
        </Stack>
      );
    case 'identifying':
      return (
        <Stack gap="xs" data-testid="workflow-identifying">
          {/* After a window restart during a call, the call rings back in here; its unfinished documentation too. */}
          <RecoveredDrafts />
          {emergencyHandled ? (
            <Alert color="red" variant="light" title="Emergency handled" data-testid="emergency-verify-to-document">
              Verify the patient now: the emergency is documented in their chart as soon as they are verified.
            </Alert>
          ) : null}
          <Title order={2} size="h4">
            Verify the caller
          </Title>
          <Text c="dimmed">
            Pick the patient on the left (↑/↓ or 1–9, Enter), then type the date of birth the caller states and
            confirm their name. An emergency comes first: <Shortcut keys="Alt+E" /> opens the 911 path from any step.
          </Text>
          {call ? <HandoffContext callId={call.callId} /> : null}
          <CallerWordsFirst />
          <Text c="dimmed" data-testid="workflow-no-chart-hint">
            No chart, someone else&apos;s call, or the EHR down: triage now without a chart (Alt+I).
          </Text>
        </Stack>
      );
    case 'reason':
      return <ReasonPane />;
    case 'interview':
      return <InterviewPane />;
    case 'disposition':
      return <DispositionPane />;
    case 'escalation':
      return <EscalationPane />;
    // Documenting keeps the pane it came from on screen (with its spinner).
    case 'documenting':
      return emergencyHandled ? <EmergencyPane /> : escalated ? <EscalationPane /> : <DispositionPane />;
    case 'warmTransfer':
      return <WarmTransferPane />;
    case 'scheduling':
      return <SchedulingPane />;
    case 'wrapUp':
      return <WrapUpPane />;
    case 'emergency':
      return <EmergencyPane />;
  }
}
