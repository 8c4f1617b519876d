import { Alert, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { EscalationHandoff, EscalationPriority, PatientSummary } from '../../../../src-preload/contract';
import { LabeledText, formatDateTime } from '../../ui';
import { useScreenPop } from '../screen-pop';

export interface HandoffContextProps {
  /** The call on screen; its screen pop says whether it is a warm transfer and brings the escalation. */
  readonly callId: string;
}

const PRIORITY_COLOR: Record<EscalationPriority, string> = { stat: 'red', urgent: 'orange', routine: 'blue' };

/**
 * At the desk a warm transfer rings: who the patient is and why the agent escalated (the escalation the call
 * carried, read from the EHR), so the nurse knows before saying hello. Renders nothing for other calls.
 */
export function HandoffContext(props: HandoffContextProps) {
  const { pop } = useScreenPop(props.callId);
  if (!pop?.handoff) return null;
  return <HandoffCard handoff={pop.handoff} patient={pop.candidates[0] ?? null} />;
}

interface HandoffCardProps {
  readonly handoff: EscalationHandoff;
  readonly patient: PatientSummary | null;
}

function HandoffCard({ handoff, patient }: HandoffCardProps) {
  return (
    <Paper p="md" withBorder data-testid="handoff-context" data-priority={handoff.priority} aria-label="Escalation brought by the transfer">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Warm transfer: escalated to a nurse
          </Title>
          <Badge color={PRIORITY_COLOR[handoff.priority]} data-testid="handoff-priority">
            {handoff.priority}
          </Badge>
        </Group>
        <LabeledText label="Patient" data-testid="handoff-patient">
          {patient?.displayName ?? 'not found in the EHR'}
          {patient?.birthDate ? ` · DOB ${patient.birthDate}` : ''}
        </LabeledText>
        <LabeledText label="Reason for the call" data-testid="handoff-reason">
          {handoff.reasonForCall}
        </LabeledText>
        {handoff.priorityReason ? (
          <LabeledText label="Priority lowered by the agent because" data-testid="handoff-priority-reason">
            {handoff.priorityReason}
          </LabeledText>
        ) : null}
        <Text size="xs" c="dimmed">
          {handoff.escalatedBy ? `By ${handoff.escalatedBy}` : 'Escalated'}
          {handoff.escalatedAt && !Number.isNaN(Date.parse(handoff.escalatedAt)) ? ` at ${formatDateTime(Date.parse(handoff.escalatedAt))}` : ''} · Task {handoff.taskId} in the nurse queue
        </Text>
        {handoff.redFlagAnswers.length > 0 ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              Red-flag screen (agent)
            </Text>
            <List size="sm" spacing={2} data-testid="handoff-red-flags">
              {handoff.redFlagAnswers.map((a, i) => (
                <List.Item key={i}>
                  {a.question} — <b>{a.answer}</b>
                </List.Item>
              ))}
            </List>
          </Stack>
        ) : (
          <Alert color="orange" variant="light">
            The red-flag answers could not be read from the EHR: ask the agent during the briefing.
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          Verify the caller&apos;s identity as usual before you start the interview.
        </Text>
      </Stack>
    </Paper>
  );
}
