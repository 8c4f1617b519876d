import { Badge, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { US_STATE_CODES } from '../../../../src-preload/contract';
import type { CallerRole, Pregnancy } from '../call-session';
import { type CallerAnswers, type PatientLocation, zipProblem } from './interviewInputFor';

const ROLES: readonly { readonly value: CallerRole; readonly label: string }[] = [
  { value: 'self', label: 'The patient' },
  { value: 'parent', label: 'A parent' },
  { value: 'caregiver', label: 'A caregiver' },
  { value: 'other', label: 'Someone else' },
];

const PREGNANCY: readonly { readonly value: Pregnancy; readonly label: string }[] = [
  // "Could be" counts as unknown: questions that matter in pregnancy are then asked (the safe side).
  { value: 'unknown', label: 'Not known / could be' },
  { value: 'pregnant', label: 'Pregnant' },
  { value: 'not-pregnant', label: 'Not pregnant' },
];

export interface CallerAnswersFieldsProps {
  readonly value: CallerAnswers;
  readonly onChange: (value: CallerAnswers) => void;
  /** The chart's home address: the location until the caller says the patient is elsewhere. */
  readonly chartLocation: PatientLocation;
  /** Pregnancy is asked only where it can apply (see pregnancyApplies). */
  readonly askPregnancy: boolean;
}

/**
 * What the interview branches on that the chart cannot say: who is calling, pregnancy, and where the patient is
 * now (prefilled from the chart address; the caller's answer replaces it). Every field is reachable with Tab.
 */
export function CallerAnswersFields(props: CallerAnswersFieldsProps) {
  const { value, onChange, chartLocation } = props;
  const setLocation = (location: Partial<PatientLocation>) => onChange({ ...value, location: { ...value.location, ...location } });
  const fromChart = value.location.state === chartLocation.state && value.location.zip === chartLocation.zip;
  const blank = value.location.state === '' && value.location.zip === '';
  return (
    <Paper p="sm" withBorder data-testid="caller-answers" aria-label="Caller and location">
      <Stack gap="xs">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label="Who is calling"
            data={ROLES.map((r) => ({ ...r }))}
            value={value.callerRole}
            onChange={(v) => onChange({ ...value, callerRole: (v as CallerRole | null) ?? value.callerRole })}
            allowDeselect={false}
            w={170}
            data-testid="caller-role"
          />
          {props.askPregnancy ? (
            <Stack gap={2}>
              <Text size="sm" fw={500} id="pregnancy-label">
                Is the patient pregnant?
              </Text>
              <SegmentedControl
                aria-labelledby="pregnancy-label"
                data={PREGNANCY.map((p) => ({ ...p }))}
                value={value.pregnancy}
                onChange={(v) => onChange({ ...value, pregnancy: v as Pregnancy })}
                data-testid="pregnancy"
              />
            </Stack>
          ) : null}
        </Group>
        <Text size="sm" fw={500} mt={4} id="location-label">
          Where is the patient now?
        </Text>
        <Group gap="md" align="flex-start" wrap="wrap" role="group" aria-labelledby="location-label">
          <Select
            aria-label="State where the patient is now"
            placeholder="State"
            searchable
            clearable
            data={[...US_STATE_CODES]}
            value={value.location.state === '' ? null : value.location.state}
            onChange={(v) => setLocation({ state: v ?? '' })}
            w={110}
            data-testid="location-state"
          />
          <TextInput
            aria-label="ZIP code where the patient is now"
            placeholder="ZIP"
            inputMode="numeric"
            maxLength={5}
            value={value.location.zip}
            onChange={(event) => setLocation({ zip: event.currentTarget.value.replace(/\D/g, '') })}
            error={zipProblem(value.location.zip)}
            w={110}
            data-testid="location-zip"
          />
          <Badge mt={8} variant="light" color={blank ? 'orange' : fromChart ? 'gray' : 'blue'} data-testid="location-source">
            {blank ? 'location unknown' : fromChart ? 'from the chart address' : "caller's answer"}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Ask where the patient is right now: protocols ask about local risks and name local services. Blank means
          unknown, and then those questions are asked.
        </Text>
      </Stack>
    </Paper>
  );
}
