import { Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import type { CareAdviceBlock } from '../call-session';

export interface CareAdviceProps {
  readonly blocks: readonly CareAdviceBlock[];
  readonly given: boolean;
  readonly onGivenChange: (given: boolean) => void;
  readonly disabled?: boolean;
}

/** Care advice for the nurse to give; documented only once the nurse confirms it was given. */
export function CareAdvice(props: CareAdviceProps) {
  if (props.blocks.length === 0) return null;
  return (
    <Paper p="md" data-testid="care-advice" aria-label="Care advice">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Care advice
        </Title>
        {props.blocks.map((block) => (
          <Stack key={block.id} gap={2} data-testid="care-advice-block">
            <Text fw={600} size="sm">
              {block.title}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {block.text}
            </Text>
          </Stack>
        ))}
        <Checkbox
          label="Care advice given to the caller"
          checked={props.given}
          disabled={props.disabled}
          onChange={(event) => props.onGivenChange(event.currentTarget.checked)}
          data-testid="care-advice-given"
        />
      </Stack>
    </Paper>
  );
}
