import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface LabeledTextProps {
  /** Shown dimmed before the value, e.g. "Patient". */
  readonly label: string;
  readonly children: ReactNode;
  readonly 'data-testid'?: string;
}

/** One "Label: value" line of a summary card (call summary, warm transfer briefing, handoff context). */
export function LabeledText(props: LabeledTextProps) {
  return (
    <Text size="sm" data-testid={props['data-testid']}>
      <Text span c="dimmed">
        {props.label}:{' '}
      </Text>
      {props.children}
    </Text>
  );
}
