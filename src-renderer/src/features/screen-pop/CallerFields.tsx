import { Group, Radio, Stack, TextInput } from '@mantine/core';
import { type Caller, type CallerRelationship } from '../../../../src-preload/contract';

/** Who is on the phone, as the agent asks it (null until answered when it must be asked). */
export interface CallerDraft {
  readonly relationship: CallerRelationship | null;
  readonly name: string;
}

const LABELS: Record<CallerRelationship, string> = {
  self: 'The patient',
  parent: 'Parent',
  caregiver: 'Caregiver',
  other: 'Someone else',
};

export interface CallerFieldsProps {
  readonly value: CallerDraft;
  readonly onChange: (value: CallerDraft) => void;
  readonly disabled?: boolean;
  /** Shown under the question, e.g. why it is asked here. */
  readonly description?: string;
}

/**
 * "Who is calling?": the patient, a parent, a caregiver or someone else (with their name). Radios in one group, so
 * Tab reaches the group once and the arrow keys choose, as anywhere on the workstation.
 */
export function CallerFields(props: CallerFieldsProps) {
  const { value, onChange } = props;
  return (
    <Stack gap={6}>
      <Radio.Group
        label="Who is calling?"
        description={props.description}
        value={value.relationship}
        onChange={(v) => onChange({ ...value, relationship: v as CallerRelationship })}
        data-testid="caller-relationship"
      >
        <Group gap="sm" mt={4}>
          {(Object.keys(LABELS) as CallerRelationship[]).map((r) => (
            <Radio key={r} value={r} label={LABELS[r]} disabled={props.disabled} data-testid={`caller-${r}`} />
          ))}
        </Group>
      </Radio.Group>
      {value.relationship && value.relationship !== 'self' ? (
        <TextInput
          label="Caller's name"
          size="xs"
          maxLength={120}
          value={value.name}
          disabled={props.disabled}
          onChange={(event) => onChange({ ...value, name: event.currentTarget.value })}
          data-testid="caller-name"
          autoComplete="off"
        />
      ) : null}
    </Stack>
  );
}

/** The contract's Caller from what was entered; null until a relationship is chosen. */
export function callerFrom(draft: CallerDraft, phone: string | null): Caller | null {
  if (!draft.relationship) return null;
  const name = draft.name.trim().slice(0, 120);
  return {
    relationship: draft.relationship,
    ...(draft.relationship !== 'self' && name ? { name } : {}),
    ...(phone ? { phone: phone.slice(0, 32) } : {}),
  };
}

export function callerRelationshipLabel(relationship: CallerRelationship): string {
  return LABELS[relationship];
}
