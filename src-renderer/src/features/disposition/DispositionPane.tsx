import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { Shortcut } from '../../ui';
import {
  selectInterview,
  selectOutcome,
  selectStep,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { AnswersSoFar, BACK_HOTKEY, persistedSnapshotAfterBack } from '../interview';
import { useSession } from '../session';
import { CareAdvice } from './CareAdvice';
import { DispositionCard } from './DispositionCard';
import { DispositionOverrideForm } from './DispositionOverrideForm';
import { NextActions, SCHEDULE_HOTKEY } from './NextActions';
import { NurseNote } from './NurseNote';

export const DOCUMENT_HOTKEY = 'Ctrl+Enter';
export const OVERRIDE_HOTKEY = 'Alt+O';

/**
 * Review before documenting: the disposition and why, the script, the next actions, the answers, and for a
 * nurse the care advice, a free-text nurse note (Alt+N) and the override (up or down, always with a reason). A failed documentation leaves everything here with the reason; retrying reuses the same draft id,
 * so the EHR never gets the encounter twice.
 */
export function DispositionPane() {
  const actor = useCallSessionActor();
  const { user } = useSession();
  const step = useCallSession(selectStep);
  const outcome = useCallSession(selectOutcome);
  const interview = useCallSession(selectInterview);
  const careAdviceGiven = useCallSession((s) => s.context.careAdviceGiven);
  const documentError = useCallSession((s) => s.context.documentError);
  const documenting = step === 'documenting';
  const override = useCallSession((s) => s.context.override);
  const isNurse = user.role === 'nurse';
  const [overriding, setOverriding] = useState(false);
  const booking = useCallSession((s) => s.context.booking);
  const hasChart = useCallSession((s) => s.context.patient !== null);
  const nurseNote = useCallSession((s) => s.context.nurseNote ?? '');

  // An override half-typed is not documented by accident: apply or cancel it first.
  const documentToEhr = () => {
    if (!documenting && !overriding) actor.send({ type: 'DOCUMENT' });
  };
  // The machine refuses a disposition that books nothing (911, ED, routes), so the hotkey needs no check here.
  const schedule = () => {
    if (!documenting && !overriding) actor.send({ type: 'SCHEDULE.OPEN' });
  };
  const changeLastAnswer = () => {
    if (documenting || !interview) return;
    const back = persistedSnapshotAfterBack(interview);
    if (back !== null) actor.send({ type: 'INTERVIEW.REOPEN', persistedSnapshot: back });
  };
  useHotkeys(
    [
      [DOCUMENT_HOTKEY, documentToEhr],
      [BACK_HOTKEY, changeLastAnswer, { usePhysicalKeys: true }],
      [OVERRIDE_HOTKEY, () => setOverriding(isNurse && !documenting), { usePhysicalKeys: true }],
      [SCHEDULE_HOTKEY, schedule, { usePhysicalKeys: true }],
    ],
    [],
  );

  if (!outcome) return null;
  return (
    <Stack gap="md" data-testid="disposition-pane" maw={820}>
      <Title order={2} size="h4">
        Disposition
      </Title>
      <DispositionCard id={outcome.disposition.id} because={outcome.disposition.because} override={override} />

      {isNurse && overriding ? (
        <DispositionOverrideForm
          from={outcome.disposition.id}
          onApply={(value) => {
            actor.send({ type: 'DISPOSITION.OVERRIDE', override: value });
            setOverriding(false);
          }}
          onCancel={() => setOverriding(false)}
        />
      ) : null}
      {isNurse && !overriding ? (
        <Group gap="xs">
          <Button
            variant="light"
            color="orange"
            onClick={() => setOverriding(true)}
            disabled={documenting}
            data-testid="override-open"
            aria-keyshortcuts="Alt+O"
            rightSection={<Shortcut keys={OVERRIDE_HOTKEY} />}
          >
            {override ? 'Change override' : 'Override disposition'}
          </Button>
          {override ? (
            <Button
              variant="subtle"
              onClick={() => actor.send({ type: 'DISPOSITION.OVERRIDE', override: null })}
              disabled={documenting}
              data-testid="override-withdraw"
            >
              Withdraw override
            </Button>
          ) : null}
        </Group>
      ) : null}

      <NextActions
        dispositionId={override?.to ?? outcome.disposition.id}
        // Booking needs a chart: a caller triaged without one is booked once the documentation has created it.
        {...(hasChart ? { onSchedule: schedule } : {})}
        scheduleDisabled={documenting || overriding}
        booking={booking}
      />

      {isNurse ? (
        <CareAdvice
          blocks={outcome.careAdvice}
          given={careAdviceGiven}
          disabled={documenting}
          onGivenChange={(given) => actor.send({ type: 'CARE_ADVICE.GIVEN', given })}
        />
      ) : null}
      {isNurse ? (
        <NurseNote value={nurseNote} disabled={documenting} onChange={(note) => actor.send({ type: 'NURSE_NOTE.CHANGED', note })} />
      ) : null}

      {documentError ? (
        <Alert color="red" variant="light" role="alert" title="Not documented yet" data-testid="document-error">
          <Text size="sm">{documentError.message}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            Nothing was lost: everything is still on this screen. Try again; the EHR will not get a duplicate.
          </Text>
        </Alert>
      ) : null}

      <Group justify="space-between">
        <Button
          variant="subtle"
          onClick={changeLastAnswer}
          disabled={documenting}
          data-testid="disposition-back"
          aria-keyshortcuts="Alt+B"
          rightSection={<Shortcut keys={BACK_HOTKEY} />}
        >
          Change last answer
        </Button>
        <Button
          size="md"
          onClick={documentToEhr}
          loading={documenting}
          disabled={overriding}
          title={overriding ? 'Apply or cancel the override first' : undefined}
          data-testid="document-button"
          aria-keyshortcuts="Control+Enter"
          rightSection={<Shortcut keys={DOCUMENT_HOTKEY} />}
        >
          {documentError ? 'Retry: document to EHR' : 'Document to EHR'}
        </Button>
      </Group>

      {interview ? <AnswersSoFar answers={outcome.answers} protocols={interview.protocols} /> : null}
    </Stack>
  );
}
