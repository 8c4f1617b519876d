import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import {
  type DirectoryEntry,
  ESCALATION_PRIORITIES,
  type EscalationPriority,
  type EscalationRoute,
  OVERRIDE_REASON_MAX,
  OVERRIDE_REASON_MIN,
  isLowerPriority,
} from '../../../../src-preload/contract';
import { useInvoke } from '../../bridge';
import { OptionList, Shortcut } from '../../ui';
import { selectInterview, selectLine, selectStep, useCallSession, useCallSessionActor } from '../call-session';
import { AnswersSoFar, BACK_HOTKEY, persistedSnapshotAfterBack } from '../interview';
import { nurseQueueOf } from './warmTransferActors';

export const ESCALATE_HOTKEY = 'Ctrl+Enter';
/** The one-key path: choose the warm transfer and document it, which calls the nurse queue at once. */
export const WARM_TRANSFER_HOTKEY = 'Alt+W';

interface RouteOption {
  readonly id: EscalationRoute;
  readonly label: string;
  readonly detail: string;
}

const ROUTES: readonly RouteOption[] = [
  {
    id: 'nurse-callback',
    label: 'Nurse callback',
    detail: 'The call goes in the nurse queue; a nurse calls the patient back in priority order.',
  },
  {
    id: 'warm-transfer',
    label: 'Warm transfer to a nurse',
    detail:
      "Documents the escalation, then calls the nurse queue with the caller on hold: brief the nurse, then join them. The nurse's screen shows the patient and this escalation.",
  },
];

const PRIORITY_TEXT: Record<EscalationPriority, string> = {
  stat: 'Stat — a nurse now, ahead of everyone',
  urgent: 'Urgent — ahead of routine calls',
  routine: 'Routine — in queue order',
};

/**
 * An agent's red-flag screen was all no: agents run no symptom protocol and give no advice, so the call goes
 * to a nurse. The agent picks the route and the priority, which starts at the checker's suggestion; raising
 * it is free, lowering it needs a reason (checked again by the contract). Keyboard: the route list has focus
 * (↑/↓ or 1–2), Tab to the priority list (1–3), Ctrl+Enter documents (and for a warm transfer calls the nurse
 * queue), Alt+W is the one-key warm transfer, Alt+B changes the last answer.
 */
export function EscalationPane() {
  const actor = useCallSessionActor();
  const step = useCallSession(selectStep);
  const interview = useCallSession(selectInterview);
  const screen = useCallSession((s) => s.context.redFlagScreen);
  const documentError = useCallSession((s) => s.context.documentError);
  const suggested = interview?.callerWords.suggestedPriority ?? 'routine';
  const [route, setRoute] = useState<EscalationRoute>('nurse-callback');
  const [priority, setPriority] = useState<EscalationPriority>(suggested);
  const [reason, setReason] = useState('');
  const line = useCallSession(selectLine);
  const directory = useInvoke('directory.list', {});
  // undefined while the directory loads; a directory that cannot be read offers no warm transfer.
  const nurseQueue = directory.data ? nurseQueueOf(directory.data) : directory.error ? null : undefined;
  const documenting = step === 'documenting';
  const lowered = isLowerPriority(priority, suggested);
  const reasonOk = !lowered || reason.trim().length >= OVERRIDE_REASON_MIN;
  const warmBlocked = warmTransferBlockedReason(line === 'connected', nurseQueue);

  const escalateBy = (chosen: EscalationRoute) => {
    if (documenting || !reasonOk || (chosen === 'warm-transfer' && warmBlocked)) return;
    setRoute(chosen);
    actor.send({ type: 'ESCALATE', escalation: { route: chosen, priority, suggestedPriority: suggested, reason: reason.trim() } });
  };
  const escalate = () => escalateBy(route);
  const changeLastAnswer = () => {
    if (documenting || !interview) return;
    const back = persistedSnapshotAfterBack(interview);
    if (back !== null) actor.send({ type: 'INTERVIEW.REOPEN', persistedSnapshot: back });
  };
  useHotkeys(
    [
      [ESCALATE_HOTKEY, escalate],
      [WARM_TRANSFER_HOTKEY, () => escalateBy('warm-transfer'), { usePhysicalKeys: true }],
      [BACK_HOTKEY, changeLastAnswer, { usePhysicalKeys: true }],
    ],
    [],
  );

  if (!screen || !interview) return null;
  return (
    <Stack gap="md" data-testid="escalation-pane" maw={820}>
      <Title order={2} size="h4">
        Escalate to a nurse
      </Title>
      <Alert color="blue" variant="light" data-testid="escalation-why">
        Red-flag screen clear. Agents do not run symptom protocols or give care advice: hand the call to a nurse.
      </Alert>

      <Paper p="md">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            Route
          </Text>
          <OptionList
            items={ROUTES}
            getKey={(r) => r.id}
            selectedKey={route}
            onSelect={(r) => setRoute(r.id)}
            label="Escalation route"
            data-testid="escalation-route"
            optionTestId="escalation-route-option"
            autoFocus
            renderItem={(r, { index }) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {index + 1}. {r.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.detail}
                </Text>
              </Stack>
            )}
          />
          {route === 'warm-transfer' ? (
            <Alert color={warmBlocked ? 'orange' : 'blue'} variant="light" data-testid="warm-transfer-note">
              {warmBlocked ??
                `Documenting calls ${nurseQueue?.label ?? 'the nurse queue'} at once (the caller waits on hold). The call carries the escalation: the nurse's screen shows the patient, the reason and the red-flag answers.`}
            </Alert>
          ) : null}
        </Stack>
      </Paper>

      <Paper p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <Text fw={600} size="sm">
              Priority
            </Text>
            <Badge variant="light" data-testid="escalation-suggested" data-priority={suggested}>
              suggested: {suggested}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" data-testid="escalation-suggested-because">
            {interview.callerWords.priorityBecause}
          </Text>
          <OptionList
            items={ESCALATION_PRIORITIES}
            getKey={(p) => p}
            selectedKey={priority}
            onSelect={setPriority}
            label="Escalation priority"
            data-testid="escalation-priority"
            optionTestId="escalation-priority-option"
            renderItem={(p, { index }) => (
              <Text size="sm">
                {index + 1}. {PRIORITY_TEXT[p]}
              </Text>
            )}
          />
          {lowered ? (
            <TextInput
              label={`Why lower than ${suggested}? (required)`}
              description={`At least ${OVERRIDE_REASON_MIN} characters; it goes in the chart.`}
              maxLength={OVERRIDE_REASON_MAX}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-testid="escalation-reason"
            />
          ) : null}
        </Stack>
      </Paper>

      {documentError ? (
        <Alert color="red" variant="light" role="alert" title="Not documented yet" data-testid="document-error">
          <Text size="sm">{documentError.message}</Text>
        </Alert>
      ) : null}

      <Group justify="space-between">
        <Button
          variant="subtle"
          onClick={changeLastAnswer}
          disabled={documenting}
          data-testid="escalation-back"
          aria-keyshortcuts="Alt+B"
          rightSection={<Shortcut keys={BACK_HOTKEY} />}
        >
          Change last answer
        </Button>
        <Group gap="xs">
          {route !== 'warm-transfer' ? (
            <Button
              variant="light"
              onClick={() => escalateBy('warm-transfer')}
              disabled={documenting || !reasonOk || warmBlocked !== null}
              title={warmBlocked ?? undefined}
              data-testid="escalate-warm-transfer"
              aria-keyshortcuts="Alt+W"
              rightSection={<Shortcut keys={WARM_TRANSFER_HOTKEY} />}
            >
              Warm transfer now
            </Button>
          ) : null}
          <Button
            size="md"
            onClick={escalate}
            loading={documenting}
            disabled={!reasonOk || (route === 'warm-transfer' && warmBlocked !== null)}
            data-testid="escalate-button"
            aria-keyshortcuts="Control+Enter"
            rightSection={<Shortcut keys={ESCALATE_HOTKEY} />}
          >
            {escalateLabel(route, documentError !== null)}
          </Button>
        </Group>
      </Group>

      <AnswersSoFar answers={screen.answers} protocols={interview.protocols} />
    </Stack>
  );
}

/** Why a warm transfer cannot start now, in words for the agent; null when it can. Undefined queue = still loading. */
export function warmTransferBlockedReason(connected: boolean, nurseQueue: DirectoryEntry | null | undefined): string | null {
  if (!connected) return 'The caller is no longer on the line: document a nurse callback instead.';
  if (nurseQueue === undefined) return 'Reading the transfer directory…';
  if (nurseQueue === null) return "This site's transfer directory has no nurse queue: document a nurse callback instead.";
  return null;
}

function escalateLabel(route: EscalationRoute, retry: boolean): string {
  if (route === 'warm-transfer') return retry ? 'Retry: document and call the nurse' : 'Document and call the nurse';
  return retry ? 'Retry: document the escalation' : 'Document the escalation';
}
