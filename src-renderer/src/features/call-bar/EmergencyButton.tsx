import { Button, Tooltip } from '@mantine/core';
import { Shortcut } from '../../ui';
import { useCallSession } from '../call-session';
import { EMERGENCY_KEY } from '../phone-bar/shortcuts';

/** One step to the emergency path from any step of a call: the 911 script, the address, connect to 911. */
export function EmergencyButton(props: { readonly onOpen: () => void }) {
  const hasCall = useCallSession((s) => s.context.call !== null);
  const open = useCallSession((s) => s.matches({ workflow: 'emergency' }));
  return (
    <Tooltip label="Emergency: 911 script, address, connect to 911">
      <Button
        size="sm"
        color="red"
        variant={open ? 'filled' : 'outline'}
        onClick={props.onOpen}
        disabled={!hasCall}
        data-testid="emergency-open"
        aria-keyshortcuts={EMERGENCY_KEY}
        rightSection={<Shortcut keys={EMERGENCY_KEY} />}
      >
        911
      </Button>
    </Tooltip>
  );
}
