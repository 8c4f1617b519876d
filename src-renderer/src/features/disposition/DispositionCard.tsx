import { Blockquote, Paper, Stack, Text } from '@mantine/core';
import { type DispositionId, type DispositionOverride, disposition } from '../../../../src-preload/contract';

export interface DispositionCardProps {
  readonly id: DispositionId;
  /** Why this disposition: the answer that reached it (and the hours verdict when it mattered). */
  readonly because: string;
  /** A nurse's override: the card shows its `to` and says what it replaced and why. */
  readonly override?: DispositionOverride | null;
}

/** The disposition in its urgency colour, with the reason and the words to say to the caller. */
export function DispositionCard(props: DispositionCardProps) {
  const override = props.override?.from === props.id ? props.override : null;
  const d = disposition(override?.to ?? props.id);
  return (
    <Paper
      p="md"
      data-testid="disposition-card"
      data-disposition-id={d.id}
      data-engine-disposition-id={props.id}
      data-urgency={d.color}
      role="region"
      aria-label={`Disposition: ${d.label}`}
      style={{ borderLeft: `6px solid var(--mantine-color-${d.color}-7)`, background: `var(--mantine-color-${d.color}-0)` }}
    >
      <Stack gap="sm">
        <Text fz={24} fw={700} c={`${d.color}.9`} data-testid="disposition-label">
          {d.label}
        </Text>
        {override ? (
          <Text size="sm" fw={600} data-testid="disposition-override">
            Overridden from {disposition(override.from).label} to {d.label} by nurse: {override.reason}
          </Text>
        ) : null}
        <Text size="sm" data-testid="disposition-because">
          <Text span fw={600}>
            Because:{' '}
          </Text>
          {props.because}
        </Text>
        <Blockquote color={d.color} p="sm" data-testid="disposition-script" cite="Say to the caller">
          {d.script}
        </Blockquote>
      </Stack>
    </Paper>
  );
}
