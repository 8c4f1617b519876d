import { Badge, Group, Stack, Text } from '@mantine/core';
import type { PatientSummary } from '../../../../src-preload/contract';
import { formatIsoDate } from '../../ui';

export interface CandidateSummaryProps {
  readonly patient: PatientSummary;
  /** 1-based number shown as the key that picks this row. */
  readonly number?: number;
}

/** What tells household members apart at a glance: name, age and DOB, sex, language, relationship, city. */
export function CandidateSummary(props: CandidateSummaryProps) {
  const { patient } = props;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      {props.number !== undefined ? (
        <Badge variant="default" size="sm" radius="sm" aria-hidden="true" mt={2}>
          {props.number}
        </Badge>
      ) : null}
      <Stack gap={2} miw={0}>
        <Text fw={600} truncate data-testid="candidate-name">
          {patient.displayName}
        </Text>
        <Text size="sm" c="dimmed">
          {ageLabel(patient)} · DOB {formatIsoDate(patient.birthDate)} · {sexLabel(patient.sex)}
        </Text>
        <Group gap={6}>
          {patient.language ? (
            <Badge size="xs" variant="light" color="gray">
              {patient.language}
            </Badge>
          ) : null}
          {patient.address?.city ? (
            <Text size="xs" c="dimmed">
              {patient.address.city}
              {patient.address.state ? `, ${patient.address.state}` : ''}
            </Text>
          ) : null}
        </Group>
        {patient.relationships.length > 0 ? (
          <Text size="xs" c="careline.8">
            {patient.relationships.join(' · ')}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

export function ageLabel(patient: Pick<PatientSummary, 'ageYears'>): string {
  return patient.ageYears === null ? 'Age unknown' : `${patient.ageYears} y`;
}

export function sexLabel(sex: PatientSummary['sex']): string {
  switch (sex) {
    case 'female':
      return 'Female';
    case 'male':
      return 'Male';
    case 'other':
      return 'Other';
    case 'unknown':
      return 'Sex unknown';
  }
}
