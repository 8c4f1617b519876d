import { Button, Group, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { EhrSession } from '../../../../src-preload/contract';
import { useBridge, useEvent, useInvoke } from '../../bridge';

/**
 * The agent's own EHR login (SMART on FHIR), in the status line: sign in (the system browser opens), the
 * state while the browser is open, who is signed in, sign out. Nothing shows for an EHR that needs no
 * per-agent login. Tokens never reach this window; it only sees the state.
 */
export function EhrSessionControl() {
  const bridge = useBridge();
  const initial = useInvoke('ehr.session', {});
  const [latest, setLatest] = useState<EhrSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent('ehr.session', setLatest);
  const session = latest ?? initial.data ?? null;
  if (!session || session.state === 'not-needed') return null;

  const run = async (channel: 'ehr.signIn' | 'ehr.signOut') => {
    const result = await bridge.invoke(channel, {});
    if (result.ok) {
      setLatest(result.value);
      setError(null);
    } else setError(result.error.message);
  };
  const message = error ?? session.message;
  return (
    <Group gap={6} wrap="nowrap" data-testid="ehr-session" data-state={session.state}>
      {session.state === 'signed-in' ? (
        <>
          <Text size="xs">EHR: {session.user ?? 'signed in'}</Text>
          <Button size="compact-xs" variant="subtle" onClick={() => void run('ehr.signOut')} data-testid="ehr-sign-out">
            Sign out
          </Button>
        </>
      ) : session.state === 'signing-in' ? (
        <>
          <Text size="xs">Finish signing in to the EHR in your browser…</Text>
          <Button size="compact-xs" variant="subtle" onClick={() => void run('ehr.signOut')} data-testid="ehr-cancel-sign-in">
            Cancel
          </Button>
        </>
      ) : (
        <Tooltip label={message ?? 'Sign in to the EHR to see charts and document.'} disabled={!message}>
          <Button size="compact-xs" color={session.state === 'expired' ? 'red' : 'blue'} onClick={() => void run('ehr.signIn')} data-testid="ehr-sign-in">
            {session.state === 'expired' ? 'EHR session ended: sign in again' : 'Sign in to the EHR'}
          </Button>
        </Tooltip>
      )}
    </Group>
  );
}
