import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  Result,
} from '../../../src-preload/contract';
import { type Bridge, failure } from './Bridge';

export type FakeHandler<C extends InvokeChannel> = (
  request: InvokeRequest<C>,
) => Result<InvokeResponse<C>> | Promise<Result<InvokeResponse<C>>>;

export type FakeHandlers = { [C in InvokeChannel]?: FakeHandler<C> };

export interface FakeInvocation {
  readonly channel: InvokeChannel;
  readonly request: unknown;
}

export interface FakeBridge extends Bridge {
  /** Push an event to the renderer as main would. */
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  /** Replace or add a handler mid-test. */
  handle<C extends InvokeChannel>(channel: C, handler: FakeHandler<C>): void;
  /** Every invoke made so far, oldest first. */
  readonly invocations: readonly FakeInvocation[];
  invocationsOf<C extends InvokeChannel>(channel: C): InvokeRequest<C>[];
  listenerCount(event: EventChannel): number;
}

/**
 * An in-memory Bridge for component tests: invoke answers come from handler functions (a missing handler answers
 * `unknown-channel`, so a test sees what it forgot to stub), and `emit` plays main's events.
 */
export function createFakeBridge(initialHandlers: FakeHandlers = {}): FakeBridge {
  const handlers: FakeHandlers = { ...initialHandlers };
  const invocations: FakeInvocation[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  return {
    invocations,
    async invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>> {
      invocations.push({ channel, request });
      const handler = handlers[channel] as FakeHandler<C> | undefined;
      if (!handler) return failure('unknown-channel', `fake bridge: no handler for ${channel}`);
      return handler(request);
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => {
        set.delete(untyped);
      };
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    handle(channel, handler) {
      (handlers as Record<string, unknown>)[channel] = handler;
    },
    invocationsOf<C extends InvokeChannel>(channel: C): InvokeRequest<C>[] {
      return invocations.filter((i) => i.channel === channel).map((i) => i.request as InvokeRequest<C>);
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
