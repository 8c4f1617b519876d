import { Alert, Badge, Button, Divider, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { Caller, CallInfo, NewPatient, PatientSummary, ScreenPop } from '../../../../src-preload/contract';
import { Shortcut, formatIsoDate, formatPhone } from '../../ui';
import {
  type WorkflowStep,
  selectCall,
  selectCaller,
  selectCandidate,
  selectPatient,
  selectStep,
  selectUnidentified,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { callerRelationshipLabel } from './CallerFields';
import { CandidateList } from './CandidateList';
import { CandidateSummary } from './CandidateSummary';
import { IdentityVerification } from './IdentityVerification';
import { PatientSearch } from './PatientSearch';
import { TriageWithoutChart } from './TriageWithoutChart';
import { useScreenPop } from './useScreenPop';

export const FIND_PATIENT_HOTKEY = 'Alt+F';
/** "No chart / triage now": an unknown caller, someone else's call, no name given, or the EHR down. */
export const TRIAGE_NOW_HOTKEY = 'Alt+I';

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
  const unidentified = useCallSession(selectUnidentified);
  const caller = useCallSession(selectCaller);
  const identifying = step === 'ringing' || step === 'identifying';
  const { pop, loading, error, lookUpAgain, lookingAgain } = useScreenPop(identifying && call ? call.callId : null);

  const listRef = useRef<HTMLDivElement>(null);
  const dobRef = useRef<HTMLInputElement>(null);
  const familyRef = useRef<HTMLInputElement>(null);
  const triageRef = useRef<HTMLInputElement>(null);
  const [searchOpenFor, setSearchOpenFor] = useState<string | null>(null);
  const [triageOpenFor, setTriageOpenFor] = useState<string | null>(null);
  const [searchDob, setSearchDob] = useState<{ patientId: string; dob: string } | null>(null);
  const callId = call?.callId ?? null;
  const noMatch = pop !== null && pop.candidates.length === 0;
  const ehrDown = pop?.ehrUnreachable ?? null;
  const searchOpen = identifying && (noMatch || (callId !== null && searchOpenFor === callId));
  const triageOpen = identifying && callId !== null && triageOpenFor === callId;
  // A candidate picked from the search (the household lookup) is verified right under the results, where the
  // agent is working, not back up at the screen pop's list.
  const fromSearch = candidate !== null && !(pop?.candidates ?? []).some((p) => p.id === candidate.id);

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
  const openTriage = () => {
    if (!identifying || callId === null) return;
    setTriageOpenFor(callId);
    setTimeout(() => triageRef.current?.focus(), 0);
  };
  useHotkeys(
    [
      [FIND_PATIENT_HOTKEY, openSearch, { usePhysicalKeys: true }],
      [TRIAGE_NOW_HOTKEY, openTriage, { usePhysicalKeys: true }],
    ],
    [],
  );

  const select = (p: PatientSummary) => actor.send({ type: 'CANDIDATE.SELECTED', patient: p });
  const confirm = (p: PatientSummary) => {
    select(p);
    setTimeout(() => dobRef.current?.focus(), 0);
  };
  const startTriage = (p: NewPatient, who: Caller) => actor.send({ type: 'PATIENT.UNIDENTIFIED', patient: p, caller: who });

  if (!identifying) {
    return (
      <AfterIdentification
        step={step}
        call={call}
        patient={patient}
        unidentified={unidentified}
        caller={caller}
        onChange={() => actor.send({ type: 'PATIENT.CHANGE' })}
      />
    );
  }

  const verification = candidate ? (
    <IdentityVerification
      key={candidate.id}
      patient={candidate}
      enabled={step === 'identifying'}
      ref={dobRef}
      {...(searchDob?.patientId === candidate.id ? { initialDob: searchDob.dob } : {})}
      // A household member found by search: the caller is most likely not the patient, so it is asked.
      askCaller={fromSearch && !noMatch ? 'required' : 'default-self'}
      callerPhone={call?.from.e164 ?? null}
      onVerified={(p, who) => actor.send({ type: 'PATIENT.VERIFIED', patient: p, ...(who ? { caller: who } : {}) })}
    />
  ) : null;

  return (
    <Stack gap="sm" data-testid="screen-pop" aria-label="Patient identification">
      <Group justify="space-between">
        <Title order={2} size="h5">
          Identify the caller
        </Title>
        {pop ? <PopBadge pop={pop} /> : null}
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
      {ehrDown ? (
        <Alert color="red" variant="light" role="alert" data-testid="screen-pop-ehr-down" title="The EHR cannot be reached">
          {`Unreachable since ${formatTime(ehrDown.since)}. `}
          {ehrDown.cached ? (
            'These patients were saved on this workstation: verify identity as usual.'
          ) : (
            <>
              Careline could not look this number up. Triage without a chart (<Shortcut keys={TRIAGE_NOW_HOTKEY} />): the
              documentation waits in the outbox until the EHR is back.
            </>
          )}
          <Group justify="flex-end" mt={6}>
            <Button size="compact-xs" variant="white" color="red" loading={lookingAgain} onClick={() => void lookUpAgain()} data-testid="screen-pop-look-again">
              Look up again
            </Button>
          </Group>
        </Alert>
      ) : pop?.error ? (
        <Alert color="orange" variant="light" role="alert" data-testid="screen-pop-error">
          {pop.error} Search by name and date of birth instead.
        </Alert>
      ) : null}
      {noMatch && !pop.error && !ehrDown ? (
        <Text size="sm" c="dimmed" data-testid="screen-pop-no-match">
          No patient on file for this number. Search by name and date of birth, or triage without a chart.
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

      {fromSearch ? null : verification}

      <Divider />
      <Group justify="space-between" gap="xs">
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
        <Button
          variant={noMatch ? 'light' : 'subtle'}
          size="xs"
          onClick={() => (triageOpen ? setTriageOpenFor(null) : openTriage())}
          data-testid="triage-now"
          aria-expanded={triageOpen}
          aria-keyshortcuts="Alt+I"
          rightSection={<Shortcut keys={TRIAGE_NOW_HOTKEY} />}
        >
          No chart / triage now
        </Button>
        {step === 'identifying' ? (
          <Button variant="subtle" color="gray" size="xs" onClick={() => actor.send({ type: 'SKIP_TO_WRAP_UP' })} data-testid="skip-identification">
            No patient (wrap up)
          </Button>
        ) : null}
      </Group>
      {triageOpen ? <TriageWithoutChart ref={triageRef} callerPhone={call?.from.e164 ?? null} enabled={step === 'identifying'} onStart={startTriage} /> : null}
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
      {fromSearch ? verification : null}
    </Stack>
  );
}

function PopBadge(props: { readonly pop: ScreenPop }) {
  const { pop } = props;
  if (pop.ehrUnreachable) {
    return (
      <Badge variant="light" color="red" data-testid="screen-pop-match">
        {pop.ehrUnreachable.cached ? `${pop.candidates.length} cached · EHR down` : 'EHR unreachable'}
      </Badge>
    );
  }
  const noMatch = pop.candidates.length === 0;
  return (
    <Badge variant="light" color={noMatch ? 'orange' : 'careline'} data-testid="screen-pop-match">
      {noMatch ? 'No match' : `${pop.candidates.length} on file`}
    </Badge>
  );
}

function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

interface AfterIdentificationProps {
  readonly step: WorkflowStep;
  readonly call: CallInfo | null;
  readonly patient: PatientSummary | null;
  readonly unidentified: NewPatient | null;
  readonly caller: Caller | null;
  readonly onChange: () => void;
}

function AfterIdentification(props: AfterIdentificationProps) {
  const { step, call, patient, unidentified, caller } = props;
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
      {caller && caller.relationship !== 'self' ? (
        <Text size="sm" data-testid="caller-summary">
          Caller: {callerRelationshipLabel(caller.relationship)}
          {caller.name ? ` · ${caller.name}` : ''} (not the patient)
        </Text>
      ) : null}
      {!patient && unidentified ? <UnidentifiedCard patient={unidentified} step={step} onChange={props.onChange} /> : null}
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
            {step === 'reason' ? <ChangePatientButton onChange={props.onChange} /> : null}
          </Stack>
        </Paper>
      ) : unidentified ? null : (
        <Text size="sm" c="dimmed">
          No patient for this call.
        </Text>
      )}
    </Stack>
  );
}

interface UnidentifiedCardProps {
  readonly patient: NewPatient;
  readonly step: WorkflowStep;
  readonly onChange: () => void;
}

/** The patient triaged without a chart: what was given, and that it is not verified. */
function UnidentifiedCard(props: UnidentifiedCardProps) {
  const p = props.patient;
  const name = [p.given, p.family].filter(Boolean).join(' ') || 'Name not given';
  const age = p.birthDate ? `DOB ${formatIsoDate(p.birthDate)}` : `${p.ageYears ?? '?'} y (stated)`;
  return (
    <Paper p="sm" data-testid="unidentified-patient">
      <Stack gap={6}>
        <Text fw={600}>{name}</Text>
        <Text size="sm">
          {age} · {p.sex}
          {p.pregnant === 'yes' ? ' · pregnant' : ''}
        </Text>
        {p.address ? <Text size="xs">{p.address}</Text> : null}
        <Badge color="orange" variant="light">
          No chart · not verified
        </Badge>
        <Text size="xs" c="dimmed">
          The documentation creates a patient record from these details (or files to the chart the EHR is sure of).
        </Text>
        {props.step === 'reason' ? <ChangePatientButton onChange={props.onChange} /> : null}
      </Stack>
    </Paper>
  );
}

/** Back to identification from the reason step (before anything is asked of the caller). */
function ChangePatientButton(props: { readonly onChange: () => void }) {
  return (
    <Button variant="subtle" size="xs" onClick={props.onChange} data-testid="change-patient">
      Change patient
    </Button>
  );
}
