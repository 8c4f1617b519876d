import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Shortcut } from '../../ui';
import { ACTION_LABELS, DEFAULT_SHORTCUTS, PHONE_ACTIONS, type PhoneAction, isValidShortcut, shortcutOf } from './shortcuts';
import { useShortcuts } from './ShortcutsContext';

/**
 * Rebind the phone's shortcuts: choose "Change", press the new combination (Alt or Ctrl + a letter, digit or
 * F-key). Keys the workstation already uses, or another phone action's key, are refused with the reason.
 */
export function ShortcutSettings() {
  const { shortcuts, setShortcuts } = useShortcuts();
  const [capturing, setCapturing] = useState<PhoneAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const capture = (action: PhoneAction, event: React.KeyboardEvent) => {
    if (event.key === 'Escape') return setCapturing(null);
    const keys = shortcutOf(event.nativeEvent);
    if (!keys) return; // a lone modifier: wait for the rest
    event.preventDefault();
    const owner = PHONE_ACTIONS.find((a) => a !== action && shortcuts[a] === keys);
    if (owner) return setMessage(`${keys} is already "${ACTION_LABELS[owner]}".`);
    if (!isValidShortcut(keys)) return setMessage(`${keys} is used elsewhere in Careline; choose another.`);
    setShortcuts({ ...shortcuts, [action]: keys });
    setMessage(null);
    setCapturing(null);
  };

  return (
    <Stack gap="xs" data-testid="shortcut-settings">
      <Table>
        <Table.Tbody>
          {PHONE_ACTIONS.map((action) => (
            <Table.Tr key={action}>
              <Table.Td>{ACTION_LABELS[action]}</Table.Td>
              <Table.Td>
                <Shortcut keys={shortcuts[action]} />
              </Table.Td>
              <Table.Td>
                {capturing === action ? (
                  <Button size="xs" autoFocus onKeyDown={(e) => capture(action, e)} onBlur={() => setCapturing(null)} data-testid={`shortcut-capture-${action}`}>
                    Press the new keys… (Esc cancels)
                  </Button>
                ) : (
                  <Button size="xs" variant="default" onClick={() => setCapturing(action)} data-testid={`shortcut-change-${action}`}>
                    Change
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {message ? (
        <Text size="sm" c="red" role="alert" data-testid="shortcut-message">
          {message}
        </Text>
      ) : null}
      <Group>
        <Button size="xs" variant="subtle" onClick={() => setShortcuts({ ...DEFAULT_SHORTCUTS })} data-testid="shortcut-reset">
          Restore defaults
        </Button>
      </Group>
    </Stack>
  );
}
