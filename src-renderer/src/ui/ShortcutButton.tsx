import { Button, type ButtonProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Shortcut } from './Shortcut';

export interface ShortcutButtonProps extends Omit<ButtonProps, 'rightSection'> {
  /** The chord as shown, e.g. "Ctrl+Enter", "Alt+B", "Esc". */
  readonly keys: string;
  readonly children: ReactNode;
  readonly onClick?: () => void;
  readonly 'data-testid'?: string;
}

/** A button that announces its shortcut: keycaps on the right and the same chord in aria-keyshortcuts. */
export function ShortcutButton(props: ShortcutButtonProps) {
  const { keys, children, ...rest } = props;
  return (
    <Button {...rest} aria-keyshortcuts={ariaKeyShortcuts(keys)} rightSection={<Shortcut keys={keys} />}>
      {children}
    </Button>
  );
}

/** "Ctrl+Enter" → "Control+Enter", "Esc" → "Escape": the names aria-keyshortcuts expects. */
export function ariaKeyShortcuts(keys: string): string {
  const names: Record<string, string> = { Ctrl: 'Control', Esc: 'Escape', Cmd: 'Meta' };
  return keys
    .split('+')
    .map((k) => names[k] ?? k)
    .join('+');
}
