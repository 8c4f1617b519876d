import { Group, Kbd } from '@mantine/core';

export interface ShortcutProps {
  /** e.g. "Alt+A", "Ctrl+Enter" */
  readonly keys: string;
  readonly size?: 'xs' | 'sm';
}

/** A key chord shown as keycaps, e.g. Alt + A: how every shortcut is announced next to its button. */
export function Shortcut(props: ShortcutProps) {
  const parts = props.keys.split('+');
  return (
    <Group gap={2} wrap="nowrap" component="span" aria-hidden="true" style={{ display: 'inline-flex', verticalAlign: 'middle' }}>
      {parts.map((part, i) => (
        <Kbd key={`${part}-${i}`} size={props.size ?? 'xs'}>
          {part}
        </Kbd>
      ))}
    </Group>
  );
}
