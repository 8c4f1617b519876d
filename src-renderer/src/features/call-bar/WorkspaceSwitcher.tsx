import { Badge, Button, Menu, Text } from '@mantine/core';
import { Shortcut, formatPhone } from '../../ui';
import { type WorkspaceSummary, useCallWorkspaces, useCallWorkspacesState } from '../call-session';
import { useShortcuts } from '../phone-bar/ShortcutsContext';

const STATUS_LABELS: Record<WorkspaceSummary['status'], { label: string; color: string }> = {
  ringing: { label: 'Ringing', color: 'orange' },
  'on-hold': { label: 'On hold', color: 'yellow' },
  active: { label: 'Active', color: 'green' },
  unfinished: { label: 'Ended · unfinished', color: 'gray' },
};

/**
 * The other call workspaces (a caller on hold, a call ringing behind, the unfinished work of a call that ended):
 * one menu, shown only when there is more than the one on screen. Choosing one (or Alt+Q, the next) brings its
 * workspace to the front; every pane switches with it. Labels are what the call bar shows: the caller's number,
 * or the verified patient's name.
 */
export function WorkspaceSwitcher() {
  const workspaces = useCallWorkspaces();
  const { frontKey } = useCallWorkspacesState();
  const { shortcuts } = useShortcuts();
  const others = workspaces.summaries().filter((w) => w.key !== frontKey);
  if (others.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="light" color="orange" data-testid="workspace-switcher" rightSection={<Shortcut keys={shortcuts.nextCall} />}>
          {others.length === 1 ? '1 other call' : `${others.length} other calls`}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {others.map((w) => (
          <Menu.Item key={w.key} onClick={() => workspaces.bringToFront(w.key)} data-testid="workspace-item" data-status={w.status}>
            <Text size="sm" span fw={600}>
              {w.label.startsWith('+') ? formatPhone(w.label) : w.label}
            </Text>{' '}
            <Badge size="xs" color={STATUS_LABELS[w.status].color} variant="light">
              {STATUS_LABELS[w.status].label}
            </Badge>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
