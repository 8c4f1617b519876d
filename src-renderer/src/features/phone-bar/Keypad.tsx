import { Button, SimpleGrid, Stack, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export interface KeypadProps {
  /** Sends one tone; the keypad stays open for the next. */
  readonly onTone: (tone: string) => void;
  readonly sent: string;
  /** 'tones' during a call (DTMF to the far end); 'dial' with no call (digits go to the number to dial). */
  readonly mode: 'tones' | 'dial';
}

/**
 * Tones for the far end's menu (a pharmacy IVR, a pager): click a key or type digits, * and # while the
 * keypad has focus. What was sent is shown so the agent can read it back.
 */
export function Keypad(props: KeypadProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[0-9*#]$/.test(event.key)) {
      event.preventDefault();
      props.onTone(event.key);
    }
  };
  return (
    <Stack gap="xs" onKeyDown={onKeyDown} data-testid="keypad" aria-label="Keypad: type digits, star or pound">
      <SimpleGrid cols={3} spacing={6}>
        {KEYS.map((key) => (
          <Button key={key} variant="default" onClick={() => props.onTone(key)} data-testid={`keypad-${key}`} aria-label={`Tone ${key}`}>
            {key}
          </Button>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" ff="monospace" data-testid="keypad-sent" aria-live="polite">
        {props.sent ? `${props.mode === 'dial' ? 'To dial' : 'Sent'}: ${props.sent}` : 'Type or click digits'}
      </Text>
    </Stack>
  );
}
