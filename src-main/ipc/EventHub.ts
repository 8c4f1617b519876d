import { type EventChannel, type EventPayload, eventContract } from '../../src-preload/contract';

export type EventSink = (event: EventChannel, payload: unknown) => void;

/**
 * Main -> renderer events. Services publish here; each transport (Electron windows, web-host sockets)
 * subscribes a sink. Payloads are validated against the contract before they leave main, so a service bug
 * shows up here and not as a confusing screen in the renderer.
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  publish<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    const checked = eventContract[event].parse(payload);
    for (const sink of this.sinks) sink(event, checked);
  }
}
