import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SchedulingPreferences, WaitlistEntry } from '../../../../src-preload/contract';
import { useBridge } from '../../bridge';
import { dayStartFromInput, inputFromEpoch } from './schedulingFormat';

const DAY = 86_400_000;

export interface WaitlistAddFormProps {
  readonly patientId: string;
  readonly visitTypeId: string;
  readonly preferences: SchedulingPreferences;
  /** The range starts here by default (today, or the window's start). */
  readonly defaultFrom: number;
  readonly onAdded: (entry: WaitlistEntry) => void;
  readonly onCancel: () => void;
}

/** Nothing suits the caller: put them on the waitlist for an earlier slot in an acceptable range. */
export function WaitlistAddForm(props: WaitlistAddFormProps) {
  const bridge = useBridge();
  const [from, setFrom] = useState(() => inputFromEpoch(props.defaultFrom));
  const [to, setTo] = useState(() => inputFromEpoch(props.defaultFrom + 14 * DAY));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fromMs = dayStartFromInput(from);
  const toStart = dayStartFromInput(to);
  // The latest date is acceptable through the end of that day.
  const toMs = toStart === null ? null : toStart + DAY - 1;
  const invalid = fromMs === null || toMs === null ? 'Enter both dates.' : toMs <= fromMs ? 'The latest date must be after the earliest.' : null;

  const add = async () => {
    if (invalid || fromMs === null || toMs === null) return;
    setSaving(true);
    setError(null);
    const result = await bridge.invoke('waitlist.add', {
      patientId: props.patientId,
      visitTypeId: props.visitTypeId,
      from: fromMs,
      to: toMs,
      preferences: props.preferences,
    });
    setSaving(false);
    if (result.ok) props.onAdded(result.value);
    else setError(result.error.message);
  };

  return (
    <Paper p="sm" withBorder role="region" aria-label="Add to the waitlist" data-testid="waitlist-add">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Add to the waitlist: offered the first earlier slot that frees up in this range
        </Text>
        <Group grow>
          <TextInput type="date" label="Earliest" value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="waitlist-from" />
          <TextInput type="date" label="Latest" value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="waitlist-to" />
        </Group>
        {invalid ? (
          <Text size="xs" c="red">
            {invalid}
          </Text>
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="subtle" onClick={props.onCancel} disabled={saving}>
            Cancel
          </Button>
          <Button onClick={() => void add()} loading={saving} disabled={invalid !== null} data-testid="waitlist-add-submit">
            Add to waitlist
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
