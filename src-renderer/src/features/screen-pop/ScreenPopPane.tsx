import { Alert, Badge, Button, Divider, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { CallInfo, PatientSummary } from '../../../../src-preload/contract';
import { Shortcut, formatIsoDate, formatPhone } from '../../ui';
import {
  type WorkflowStep,
  selectCall,
  selectCandidate,
  selectPatient,
  selectStep,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { CandidateList } from './CandidateList';
import { CandidateSummary } from './CandidateSummary';
import { IdentityVerification } from './IdentityVerification';
import { PatientSearch } from './PatientSearch';
import { useScreenPop } from './useScreenPop';

export const FIND_PATIENT_HOTKEY = 'Alt+F';

/**
 * The left pane: who might be calling (screen pop, from the moment the phone rings), identity verification,
 * and the name + DOB search when the number is unknown. Once verified, a compact card of the patient in use.
 */
export function ScreenPopPane() {
  const actor = useCallSessionActor();
  const step = useCallSession(selectStep);
  const call = useCallSession(selectCall);
  const candidate = useCallSession(selectCandidate);
  const patient = useCallSession(selectPatient);
  const identifying = step === 'ringing' || step === 'identifying';
  const { pop, loading, error } = useScreenPop(identifying && call ? call.callId : null);

  const listRef = useRef<HTMLDivElement>(null);
  const dobRef = useRef<HTMLInputElement>(null);
  const familyRef = useRef<HTMLInputElement>(null);
  const [searchOpenFor, setSearchOpenFor] = useState<string | null>(null);
  const [searchDob, setSearchDob] = useState<{ patientId: string; dob: string } | null>(null);
  const callId = call?.callId ?? null;
  const noMatch = pop !== null && pop.candidates.length === 0;
  const searchOpen = identifying && (noMatch || (callId !== null && searchOpenFor === callId));

  // Preselect the first candidate so Enter works at once; never override the agent's own choice.
  const firstCandidate = pop?.candidates[0] ?? null;
  useEffect(() => {
    if (identifying && candidate === null && firstCandidate) actor.send({ type: 'CANDIDATE.SELECTED', patient: firstCandidate });
  }, [actor, identifying, candidate, firstCandidate]);

  // On answer, put the keyboard on the candidate list unless the agent is already working in a field.
  useEffect(() => {
    if (step !== 'identifying') return;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('[data-testid="call-bar"]')) listRef.current?.focus();
  }, [step]);

  const openSearch = () => {
    if (!identifying || callId === null) return;
    setSearchOpenFor(callId);
    setTimeout(() => familyRef.current?.focus(), 0);
  };
  useHotkeys([[FIND_PATIENT_HOTKEY, openSearch, { usePhysicalKeys: true }]], []);

  const select = (p: PatientSummary) => actor.send({ type: 'CANDIDATE.SELECTED', patient: p });
  const confirm = (p: PatientSummary) => {
    select(p);
    setTimeout(() => dobRef.current?.focus(), 0);
  };

  if (!identifying) {
    return <AfterIdentification step={step} call={call} patient={patient} onChange={() => actor.send({ type: 'PATIENT.CHANGE' })} />;
  }

  return (
    <Stack gap="sm" data-testid="screen-pop" aria-label="Patient identification">
      <Group justify="space-between">
        <Title order={2} size="h5">
          Identify the caller
        </Title>
        {pop ? (
          <Badge variant="light" color={noMatch ? 'orange' : 'careline'} data-testid="screen-pop-match">
            {noMatch ? 'No match' : `${pop.candidates.length} on file`}
          </Badge>
        ) : null}
      </Group>

      {loading && call ? (
        <Group gap="xs" role="status" data-testid="screen-pop-loading">
          <Loader size="sm" />
          <Text size="sm">Looking up {formatPhone(call.from.e164, call.from.raw)}…</Text>
        </Group>
      ) : null}
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {error.message}
        </Alert>
      ) : null}
      {pop?.error ? (
        <Alert color="orange" variant="light" role="alert" data-testid="screen-pop-error">
          {pop.error} Search by name and date of birth instead.
        </Alert>
      ) : null}
      {noMatch && !pop.error ? (
        <Text size="sm" c="dimmed">
          No patient on file for this number. Search by name and date of birth.
        </Text>
      ) : null}

      {pop && call && pop.candidates.length > 0 ? (
        <CandidateList
          call={call}
          candidates={pop.candidates}
          selectedPatientId={candidate?.id ?? null}
          onSelect={select}
          onConfirm={confirm}
          ref={listRef}
        />
      ) : null}

      {candidate ? (
        <IdentityVerification
          key={candidate.id}
          patient={candidate}
          enabled={step === 'identifying'}
          ref={dobRef}
          {...(searchDob?.patientId === candidate.id ? { initialDob: searchDob.dob } : {})}
          onVerified={(p) => actor.send({ type: 'PATIENT.VERIFIED', patient: p })}
        />
      ) : null}

      <Divider />
      <Group justify="space-between">
        <Button
          variant="subtle"
          size="xs"
          onClick={() => (searchOpen ? setSearchOpenFor(null) : openSearch())}
          disabled={noMatch}
          data-testid="search-open"
          aria-expanded={searchOpen}
          aria-keyshortcuts="Alt+F"
          rightSection={<Shortcut keys={FIND_PATIENT_HOTKEY} />}
        >
          Find another patient
        </Button>
        {step === 'identifying' ? (
          <Button variant="subtle" color="gray" size="xs" onClick={() => actor.send({ type: 'SKIP_TO_WRAP_UP' })} data-testid="skip-identification">
            No patient (wrap up)
          </Button>
        ) : null}
      </Group>
      {searchOpen ? (
        <PatientSearch
          ref={familyRef}
          selectedPatientId={candidate?.id ?? null}
          onSelect={(p, dob) => {
            setSearchDob({ patientId: p.id, dob });
            select(p);
          }}
          onConfirm={(p) => confirm(p)}
        />
      ) : null}
    </Stack>
  );
}

interface AfterIdentificationProps {
  readonly step: WorkflowStep;
  readonly call: CallInfo | null;
  readonly patient: PatientSummary | null;
  readonly onChange: () => void;
}

function AfterIdentification(props: AfterIdentificationProps) {
  const { step, call, patient } = props;
  if (step === 'idle') {
    const missed = call !== null && call.answeredAt === null && call.state === 'ended';
    return (
      <Stack gap="sm" data-testid="screen-pop" aria-label="Patient identification">
        <Title order={2} size="h5">
          Caller
        </Title>
        {missed ? (
          <Alert color="orange" variant="light" data-testid="missed-call">
            Missed call from {formatPhone(call.from.e164, call.from.raw)}.
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          Waiting for a call. Candidates appear here as soon as the phone rings.
        </Text>
        {patient ? (
          <Text size="sm" data-testid="last-patient">
            Last patient: {patient.displayName}
          </Text>
        ) : null}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" data-testid="screen-pop" aria-label="Patient identification">
      <Title order={2} size="h5">
        Patient
      </Title>
      {patient ? (
        <Paper p="sm" data-testid="verified-patient">
          <Stack gap={6}>
            <CandidateSummary patient={patient} />
            <Group justify="space-between">
              <Badge color="green" variant="light">
                Verified · name + DOB
              </Badge>
              <Text size="xs" c="dimmed">
                DOB {formatIsoDate(patient.birthDate)}
              </Text>
            </Group>
            {step === 'reason' ? (
              <Button variant="subtle" size="xs" onClick={props.onChange} data-testid="change-patient">
                Change patient
              </Button>
            ) : null}
          </Stack>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          No patient for this call.
        </Text>
      )}
    </Stack>
  );
}
