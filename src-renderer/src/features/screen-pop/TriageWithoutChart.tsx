import { Alert, Button, Group, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type Ref, useState } from 'react';
import { type Caller, type NewPatient, NewPatient as NewPatientSchema, type PatientSummary } from '../../../../src-preload/contract';
import { Shortcut } from '../../ui';
import { formatDobTyping, parseDob } from './birthDate';
import { CallerFields, type CallerDraft, callerFrom } from './CallerFields';

export const START_TRIAGE_HOTKEY = 'Ctrl+Enter';

export interface TriageWithoutChartProps {
  /** The caller's number (E.164 when known): the patient's phone unless the agent changes it. */
  readonly callerPhone: string | null;
  /** False while the call is still ringing. */
  readonly enabled: boolean;
  readonly onStart: (patient: NewPatient, caller: Caller) => void;
  /** The first field (React 19 ref prop), focused when the form opens. */
  readonly ref?: Ref<HTMLInputElement>;
}

type SexChoice = PatientSummary['sex'];
type Pregnancy = NonNullable<NewPatient['pregnant']>;

/**
 * Triage without a chart: an unknown caller, someone calling for another person, a caller who will not give a
 * name, or the EHR down. Only what the protocol branches on is required (an age or a birth date, and sex); the
 * name, phone and address or location are taken as given. The documentation creates a minimal Patient from it.
 */
export function TriageWithoutChart({ ref, ...props }: TriageWithoutChartProps) {
  const [given, setGiven] = useState('');
  const [family, setFamily] = useState('');
  const [age, setAge] = useState('');
  const [dob, setDob] = useState('');
  const [sex, setSex] = useState<SexChoice | null>(null);
  const [pregnant, setPregnant] = useState<Pregnancy | null>(null);
  const [phone, setPhone] = useState(props.callerPhone ?? '');
  const [address, setAddress] = useState('');
  const [caller, setCaller] = useState<CallerDraft>({ relationship: 'self', name: '' });

  const birthDate = parseDob(dob);
  const ageYears = /^\d{1,3}$/.test(age.trim()) ? Number(age.trim()) : null;
  const askPregnancy = sex !== null && sex !== 'male' && mayBePregnant(ageYears, birthDate);
  const draft = sex
    ? {
        ...(given.trim() ? { given: given.trim() } : {}),
        ...(family.trim() ? { family: family.trim() } : {}),
        ...(birthDate ? { birthDate } : ageYears !== null ? { ageYears } : {}),
        sex,
        ...(askPregnancy && pregnant ? { pregnant } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
      }
    : null;
  const parsed = draft ? NewPatientSchema.safeParse(draft) : null;
  const who = callerFrom(caller, props.callerPhone);
  const ready = props.enabled && parsed?.success === true && who !== null;
  const problem = missing({ sex, ageOrDob: birthDate !== null || ageYears !== null, dobInvalid: dob.length === 10 && birthDate === null, caller: who !== null });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (ready && parsed?.success && who) props.onStart(parsed.data, who);
  };

  return (
    <Paper p="sm" bg="gray.0" data-testid="triage-without-chart">
      <form onSubmit={submit} aria-label="Triage without a chart" onKeyDown={(e) => e.key === 'Enter' && e.ctrlKey && submit(e)}>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Triage without a chart
          </Text>
          <Text size="xs" c="dimmed">
            The red-flag screen starts as soon as you continue. Take what the caller gives; nothing else is required.
          </Text>
          <Group grow gap="xs" align="flex-start">
            <TextInput ref={ref} size="xs" label="Given name" maxLength={80} value={given} onChange={(e) => setGiven(e.currentTarget.value)} data-testid="unidentified-given" autoComplete="off" />
            <TextInput size="xs" label="Family name" maxLength={80} value={family} onChange={(e) => setFamily(e.currentTarget.value)} data-testid="unidentified-family" autoComplete="off" />
          </Group>
          <Group grow gap="xs" align="flex-start">
            <TextInput
              size="xs"
              label="Age (years)"
              inputMode="numeric"
              maxLength={3}
              value={age}
              onChange={(e) => setAge(e.currentTarget.value.replace(/\D/g, ''))}
              description="For a baby, give the date of birth."
              data-testid="unidentified-age"
              autoComplete="off"
            />
            <TextInput
              size="xs"
              label="or date of birth"
              placeholder="MM/DD/YYYY"
              inputMode="numeric"
              value={dob}
              onChange={(e) => setDob(formatDobTyping(e.currentTarget.value))}
              error={dob.length === 10 && birthDate === null ? 'Not a valid date (MM/DD/YYYY).' : null}
              data-testid="unidentified-dob"
              autoComplete="off"
            />
          </Group>
          <Radio.Group label="Sex" required value={sex} onChange={(v) => setSex(v as SexChoice)} data-testid="unidentified-sex">
            <Group gap="sm" mt={4}>
              <Radio value="female" label="Female" data-testid="unidentified-sex-female" />
              <Radio value="male" label="Male" data-testid="unidentified-sex-male" />
              <Radio value="other" label="Other" data-testid="unidentified-sex-other" />
              <Radio value="unknown" label="Unknown" data-testid="unidentified-sex-unknown" />
            </Group>
          </Radio.Group>
          {askPregnancy ? (
            <Radio.Group label="Could she be pregnant?" value={pregnant} onChange={(v) => setPregnant(v as Pregnancy)} data-testid="unidentified-pregnant">
              <Group gap="sm" mt={4}>
                <Radio value="yes" label="Yes" data-testid="unidentified-pregnant-yes" />
                <Radio value="no" label="No" data-testid="unidentified-pregnant-no" />
                <Radio value="unknown" label="Not sure" data-testid="unidentified-pregnant-unknown" />
              </Group>
            </Radio.Group>
          ) : null}
          <Group grow gap="xs" align="flex-start">
            <TextInput size="xs" label="Phone" maxLength={32} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} data-testid="unidentified-phone" autoComplete="off" />
            <TextInput
              size="xs"
              label="Address or where the patient is now"
              maxLength={300}
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              data-testid="unidentified-address"
              autoComplete="off"
            />
          </Group>
          <CallerFields value={caller} onChange={setCaller} />
          {problem && props.enabled ? (
            <Text size="xs" c="dimmed" data-testid="unidentified-missing">
              {problem}
            </Text>
          ) : null}
          {!props.enabled ? (
            <Alert color="gray" variant="light" p="xs">
              Answer the call (Alt+A) first.
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" size="xs" disabled={!ready} data-testid="unidentified-start" aria-keyshortcuts="Control+Enter" rightSection={<Shortcut keys={START_TRIAGE_HOTKEY} />}>
              Start triage
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Pregnancy is asked for anyone not male from 10 to 55, or when the age is not known. */
function mayBePregnant(ageYears: number | null, birthDate: string | null): boolean {
  const years = birthDate ? new Date().getFullYear() - Number(birthDate.slice(0, 4)) : ageYears;
  return years === null || (years >= 10 && years <= 55);
}

function missing(s: { sex: SexChoice | null; ageOrDob: boolean; dobInvalid: boolean; caller: boolean }): string | null {
  if (s.dobInvalid) return 'Check the date of birth.';
  const needs = [!s.ageOrDob && 'an age or a date of birth', !s.sex && 'sex', !s.caller && 'who is calling'].filter(Boolean);
  return needs.length > 0 ? `Still needed: ${needs.join(', ')}.` : null;
}
