import { Text } from '@mantine/core';
import { formatCountdown } from './schedulingFormat';
import { useCountdown } from './useCountdown';

export interface HoldCountdownProps {
  readonly expiresAt: number;
  readonly 'data-testid'?: string;
}

/** How long a hold still reserves its slot ("Held 4:05"), red once it has run out. */
export function HoldCountdown(props: HoldCountdownProps) {
  const left = useCountdown(props.expiresAt) ?? 0;
  const expired = left === 0;
  return (
    <Text
      span
      size="sm"
      fw={700}
      ff="monospace"
      c={expired ? 'red' : 'orange'}
      data-testid={props['data-testid'] ?? 'hold-countdown'}
      data-expired={expired}
      aria-label={expired ? 'Hold expired' : `Hold ends in ${formatCountdown(left)}`}
    >
      {expired ? 'Hold expired' : `Held ${formatCountdown(left)}`}
    </Text>
  );
}
