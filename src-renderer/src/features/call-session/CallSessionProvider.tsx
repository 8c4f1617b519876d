import { useSelector } from '@xstate/react';
import { createContext, type ReactNode, use, useEffect, useState, useSyncExternalStore } from 'react';
import { fromPromise } from 'xstate';
import type {
  CallInfo,
  DocumentEncounterRequest,
  DocumentEncounterResult,
  Protocol,
  Result,
  Role,
  WrapUpRequest,
} from '../../../../src-preload/contract';
import { type Bridge, ok, useBridge, useBridgeConnectionState, useEvent } from '../../bridge';
import { warmTransferActors } from '../escalation/warmTransferActors';
import { withLinkedProtocols } from '../interview/interviewContent';
import { type CallSessionSnapshot, callSessionMachine } from './callSessionMachine';
import { type CallSessionActor, CallWorkspaces, type CallWorkspacesState } from './callWorkspaces';

export type { CallSessionActor } from './callWorkspaces';

const WorkspacesContext = createContext<CallWorkspaces | null>(null);

export interface CallSessionProviderProps {
  readonly role: Role;
  /** A previously persisted session (tests start a session at a given step). */
  readonly snapshot?: CallSessionSnapshot;
  readonly children: ReactNode;
}

/**
 * Owns the workstation's call workspaces (one call-session actor per call, see `CallWorkspaces`), feeds them the
 * bridge's call events and gives their machines the bridge-backed actors they invoke. Every pane reads the
 * workspace in front through `useCallSession`; the workstation keys its panes on `useFrontWorkspaceKey()`.
 */
export function CallSessionProvider(props: CallSessionProviderProps) {
  const bridge = useBridge();
  // One set of workspaces for the provider's life: role and snapshot are read once (the app remounts on sign-in).
  const [workspaces] = useState(() => new CallWorkspaces(callSessionWithBridge(bridge), props.role, props.snapshot));
  useEffect(() => {
    workspaces.retain();
    return () => workspaces.release();
  }, [workspaces]);
  useCallEventsFeed(bridge, workspaces);
  return <WorkspacesContext value={workspaces}>{props.children}</WorkspacesContext>;
}

export function useCallWorkspaces(): CallWorkspaces {
  const workspaces = use(WorkspacesContext);
  if (!workspaces) throw new Error('useCallWorkspaces() needs a <CallSessionProvider> above it');
  return workspaces;
}

/** The workspace state (which workspaces exist, which is in front); re-renders when it changes. */
export function useCallWorkspacesState(): CallWorkspacesState {
  const workspaces = useCallWorkspaces();
  return useSyncExternalStore(workspaces.subscribe, workspaces.getState);
}

/** The key of the workspace in front: panes keyed on it start fresh for every call. */
export function useFrontWorkspaceKey(): string {
  return useCallWorkspacesState().frontKey;
}

/** The actor of the workspace in front (the call the agent is looking at). */
export function useCallSessionActor(): CallSessionActor {
  const workspaces = useCallWorkspaces();
  const state = useSyncExternalStore(workspaces.subscribe, workspaces.getState);
  return (state.workspaces.find((w) => w.key === state.frontKey) ?? state.workspaces[0]!).actor;
}

/** Select a slice of the call session in front; the component re-renders only when that slice changes. */
export function useCallSession<T>(selector: (snapshot: CallSessionSnapshot) => T, compare?: (a: T, b: T) => boolean): T {
  return useSelector(useCallSessionActor(), selector, compare);
}

/** The machine with its side effects bound to a transport. */
export function callSessionWithBridge(bridge: Bridge) {
  return callSessionMachine.provide({
    actors: {
      answerCall: fromPromise<Result<CallInfo>, { callId: string }>(({ input }) => bridge.invoke('call.answer', input)),
      hangUpCall: fromPromise<Result<CallInfo>, { callId: string }>(({ input }) => bridge.invoke('call.hangUp', input)),
      loadProtocols: fromPromise<Result<Protocol[]>, { ids: readonly string[] }>(async ({ input }) => {
        const results = await Promise.all(input.ids.map((id) => bridge.invoke('protocol.get', { id })));
        const protocols: Protocol[] = [];
        for (const result of results) {
          if (!result.ok) return result;
          protocols.push(result.value);
        }
        // The protocols they link to come along, so a link ("go to Abdominal pain") never waits on the network.
        return ok(
          await withLinkedProtocols(protocols, async (id) => {
            const linked = await bridge.invoke('protocol.get', { id });
            return linked.ok ? linked.value : null;
          }),
        );
      }),
      documentEncounter: fromPromise<Result<DocumentEncounterResult>, DocumentEncounterRequest>(
        ({ input }) => bridge.invoke('encounter.document', input),
      ),
      recordWrapUp: fromPromise<Result<CallInfo>, WrapUpRequest>(({ input }) => bridge.invoke('call.wrapUp', input)),
      ...warmTransferActors(bridge),
    },
  });
}

/**
 * Calls reach the workspaces as events; on start and after every reconnect the current call is fetched too,
 * because an event sent while the transport was down (or before this window existed) is gone.
 */
function useCallEventsFeed(bridge: Bridge, workspaces: CallWorkspaces): void {
  useEvent('call.incoming', (call) => workspaces.onCall(call, 'incoming'));
  useEvent('call.updated', (call) => workspaces.onCall(call, 'updated'));
  const connection = useBridgeConnectionState();
  useEffect(() => {
    if (connection !== 'open') return;
    let current = true;
    void bridge.invoke('call.current', {}).then((result) => {
      if (!current || !result.ok || !result.value) return;
      workspaces.onCall(result.value, 'incoming');
      workspaces.onCall(result.value, 'updated');
    });
    return () => {
      current = false;
    };
  }, [bridge, workspaces, connection]);
}
