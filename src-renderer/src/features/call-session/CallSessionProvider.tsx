import { useActorRef, useSelector } from '@xstate/react';
import { createContext, type ReactNode, use, useEffect, useMemo } from 'react';
import { type Actor, fromPromise } from 'xstate';
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

export type CallSessionActor = Actor<typeof callSessionMachine>;

const CallSessionContext = createContext<CallSessionActor | null>(null);

export interface CallSessionProviderProps {
  readonly role: Role;
  /** A previously persisted session (crash recovery; tests start a session at a given step). */
  readonly snapshot?: CallSessionSnapshot;
  readonly children: ReactNode;
}

/**
 * Owns the one call-session actor of the workstation, feeds it the bridge's call events and gives it the
 * bridge-backed actors it invokes. Every pane reads the session through `useCallSession`.
 */
export function CallSessionProvider(props: CallSessionProviderProps) {
  const bridge = useBridge();
  const logic = useMemo(() => callSessionWithBridge(bridge), [bridge]);
  const actor = useActorRef(logic, {
    input: { role: props.role },
    ...(props.snapshot ? { snapshot: props.snapshot } : {}),
  });
  useCallEventsFeed(bridge, actor);
  return <CallSessionContext value={actor}>{props.children}</CallSessionContext>;
}

export function useCallSessionActor(): CallSessionActor {
  const actor = use(CallSessionContext);
  if (!actor) throw new Error('useCallSessionActor() needs a <CallSessionProvider> above it');
  return actor;
}

/** Select a slice of the call session; the component re-renders only when that slice changes. */
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
 * Calls reach the session as events; on start and after every reconnect the current call is fetched too,
 * because an event sent while the transport was down (or before this window existed) is gone.
 */
function useCallEventsFeed(bridge: Bridge, actor: CallSessionActor): void {
  useEvent('call.incoming', (call) => actor.send({ type: 'CALL.INCOMING', call }));
  useEvent('call.updated', (call) => actor.send({ type: 'CALL.UPDATED', call }));
  const connection = useBridgeConnectionState();
  useEffect(() => {
    if (connection !== 'open') return;
    let current = true;
    void bridge.invoke('call.current', {}).then((result) => {
      if (!current || !result.ok || !result.value) return;
      actor.send({ type: 'CALL.INCOMING', call: result.value });
      actor.send({ type: 'CALL.UPDATED', call: result.value });
    });
    return () => {
      current = false;
    };
  }, [bridge, actor, connection]);
}
