import { Alert, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { EnvironmentStatus, User } from '../../../src-preload/contract';
import { type Bridge, type BridgeConnectionState, BridgeProvider, useBridge, useBridgeConnectionState, useInvoke } from '../bridge';
import { CallSessionProvider, useCallWorkspaces, useCallWorkspacesState } from '../features/call-session';
import { DraftAutosave, DraftRecoveryProvider, recoveredSnapshot } from '../features/drafts';
import { ShortcutsProvider } from '../features/phone-bar';
import { SessionProvider } from '../features/session';
import { MediaEngineProvider } from '../features/softphone';
import { markInteractive } from './interactiveMark';
import { SignInScreen } from './SignInScreen';
import { carelineTheme } from './theme';
import { useEnvironmentStatus } from './useEnvironmentStatus';
import { Workstation } from './Workstation';

export interface AppProps {
  readonly bridge: Bridge;
}

export function App(props: AppProps) {
  return (
    <MantineProvider theme={carelineTheme} defaultColorScheme="light">
      <BridgeProvider bridge={props.bridge}>
        {/* Above sign-in: main may need call audio before anyone signs in (a call can ring first). */}
        <MediaEngineProvider>
          <AppRoot />
        </MediaEngineProvider>
      </BridgeProvider>
    </MantineProvider>
  );
}

/** Boot → sign-in → workstation. Exported for tests, which bring their own providers. */
export function AppRoot() {
  const bridge = useBridge();
  const { status, error } = useEnvironmentStatus();
  const connection = useBridgeConnectionState();
  const current = useInvoke('session.current', status ? {} : null);
  // undefined: follow session.current; null: signed out here; a user: signed in here.
  const [signedIn, setSignedIn] = useState<User | null | undefined>(undefined);
  const user = signedIn !== undefined ? signedIn : (current.data ?? null);
  const deciding = signedIn === undefined && current.loading;

  useEffect(() => {
    if (status && !deciding) markInteractive();
  }, [status, deciding]);

  const signOut = useCallback(() => {
    void bridge.invoke('session.signOut', {}).then((result) => {
      if (result.ok) setSignedIn(null);
    });
  }, [bridge]);

  if (!status || deciding) return <BootScreen error={error?.message ?? null} connection={connection} />;
  if (!user) return <SignInScreen demo={status.mode === 'demo'} onSignedIn={setSignedIn} />;
  return <SignedIn user={user} env={status} onSignOut={signOut} />;
}

interface SignedInProps {
  readonly user: User;
  readonly env: EnvironmentStatus;
  readonly onSignOut: () => void;
}

function SignedIn(props: SignedInProps) {
  const serviceLines = useInvoke('serviceLine.list', {});
  return (
    <SessionProvider user={props.user} env={props.env} serviceLines={serviceLines.data ?? NO_LINES} onSignOut={props.onSignOut}>
      <CallSessionProvider key={props.user.id} role={props.user.role}>
        <DraftRecovery>
          <DraftAutosave />
          <ShortcutsProvider>
            <Workstation />
          </ShortcutsProvider>
        </DraftRecovery>
      </CallSessionProvider>
    </SessionProvider>
  );
}

/**
 * Resuming a saved draft (crash recovery) opens it as a workspace of its own, in front; the calls on the
 * workstation keep theirs. Drafts the workspaces hold live are not offered as recovered.
 */
function DraftRecovery(props: { readonly children: ReactNode }) {
  const bridge = useBridge();
  const workspaces = useCallWorkspaces();
  const state = useCallWorkspacesState();
  const recovery = useMemo(
    () => ({
      liveDraftIds: workspaces.draftIds(),
      resume: async (draftId: string) => {
        const [draft, live] = await Promise.all([bridge.invoke('draft.load', { draftId }), bridge.invoke('call.list', {})]);
        if (!draft.ok) return draft.error.message;
        const savedCallId = (draft.value.snapshot as { context?: { call?: { callId?: string } | null } }).context?.call?.callId;
        const liveCall = live.ok ? (live.value.find((c) => c.callId === savedCallId) ?? null) : null;
        workspaces.resume(recoveredSnapshot(draft.value.snapshot, Date.now(), liveCall));
        return null;
      },
    }),
    // The workspaces' state changes when a draft is resumed or a workspace finishes: the live draft ids follow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bridge, workspaces, state],
  );
  return <DraftRecoveryProvider value={recovery}>{props.children}</DraftRecoveryProvider>;
}

const NO_LINES: readonly never[] = [];

function bootMessage(connection: BridgeConnectionState): string {
  switch (connection) {
    case 'open':
    case 'connecting':
      return 'Starting Careline…';
    case 'reconnecting':
      return 'Connecting to the Careline host…';
    case 'closed':
      return 'This page has no access token. Open the address the web host printed (it ends in #token=…).';
  }
}

interface BootScreenProps {
  readonly error: string | null;
  readonly connection: BridgeConnectionState;
}

function BootScreen(props: BootScreenProps) {
  return (
    <Center mih="100vh" bg="gray.1">
      <Stack align="center" gap="sm" maw={420} role="status" data-testid="boot-screen">
        <Loader />
        <Text c="dimmed" ta="center">
          {bootMessage(props.connection)}
        </Text>
        {props.error ? (
          <Alert color="red" variant="light" w="100%">
            {props.error}
          </Alert>
        ) : null}
      </Stack>
    </Center>
  );
}
