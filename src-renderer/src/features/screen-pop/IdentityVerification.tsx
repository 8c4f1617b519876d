import { Alert, Button, Checkbox, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type KeyboardEvent, type Ref, useState } from 'react';
import type { Caller, PatientSummary } from '../../../../src-preload/contract';
import { checkDob, formatDobTyping } from './birthDate';
import { CallerFields, type CallerDraft, callerFrom } from './CallerFields';

export interface IdentityVerificationProps {
  readonly patient: PatientSummary;
  /** False while the call is still ringing: identity is verified by talking to the caller. */
  readonly enabled: boolean;
  /** The DOB typed in a search, so the agent does not type it twice. */
  readonly initialDob?: string;
  /**
   * Who is calling: 'default-self' preselects the patient (a phone candidate usually is the caller);
   * 'required' has the agent choose (a household member found by search: often someone else's call).
   */
  readonly askCaller?: 'default-self' | 'required';
  /** The caller's number, recorded with a caller who is not the patient. */
  readonly callerPhone?: string | null;
  readonly onVerified: (patient: PatientSummary, caller: Caller | null) => void;
  /** The date-of-birth input (React 19 ref prop), focused when the agent confirms a candidate. */
  readonly ref?: Ref<HTMLInputElement>;
}

/**
 * Two identifiers before any chart detail is discussed: the caller states the date of birth (typed here and
 * compared with the chart, never read out to them) and the agent confirms the full name.
 */
export function IdentityVerification({ ref, ...props }: IdentityVerificationProps) {
  const { patient, enabled } = props;
  const [dob, setDob] = useState(props.initialDob ?? '');
  const [nameConfirmed, setNameConfirmed] = useState(false);
  const [callerDraft, setCallerDraft] = useState<CallerDraft>({ relationship: props.askCaller === 'required' ? null : 'self', name: '' });
  const caller = callerFrom(callerDraft, props.callerPhone ?? null);
  const dobCheck = checkDob(dob, patient.birthDate);
  const verified = enabled && dobCheck === 'match' && nameConfirmed && caller !== null;

  const submit = () => {
    if (verified) props.onVerified(patient, caller);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && verified) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Paper p="sm" bg="gray.0" data-testid="identity-verification">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Verify identity: {patient.displayName}
        </Text>
        {!enabled ? (
          <Text size="xs" c="dimmed">
            Answer the call (Alt+A) to verify the caller.
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            Ask for the patient&apos;s full name and date of birth. Do not read them out.
          </Text>
        )}
        <TextInput
          ref={ref}
          label="Date of birth as stated by the caller"
          placeholder="MM/DD/YYYY"
          inputMode="numeric"
          autoComplete="off"
          value={dob}
          disabled={!enabled}
          onChange={(event) => setDob(formatDobTyping(event.currentTarget.value))}
          onKeyDown={onKeyDown}
          error={dobError(dobCheck)}
          data-testid="verify-dob-input"
        />
        {dobCheck === 'match' ? (
          <Text size="xs" c="green.8" data-testid="dob-match">
            Date of birth matches the chart.
          </Text>
        ) : null}
        <Checkbox
          label={`Caller confirmed the name "${patient.displayName}"`}
          checked={nameConfirmed}
          disabled={!enabled}
          onChange={(event) => setNameConfirmed(event.currentTarget.checked)}
          onKeyDown={onKeyDown}
          data-testid="verify-name-confirmed"
        />
        <CallerFields
          value={callerDraft}
          onChange={setCallerDraft}
          disabled={!enabled}
          {...(props.askCaller === 'required' ? { description: 'Found by search: ask whether the caller is the patient.' } : {})}
        />
        {patient.birthDate === null ? (
          <Alert color="orange" variant="light" p="xs">
            This chart has no date of birth, so the caller cannot be verified against it. Search for another record.
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button onClick={submit} disabled={!verified} data-testid="use-patient">
            Use this patient
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function dobError(check: ReturnType<typeof checkDob>): string | null {
  if (check === 'invalid') return 'Not a valid date (MM/DD/YYYY).';
  if (check === 'mismatch') return 'Does not match the date of birth on file. Ask the caller again.';
  return null;
}
