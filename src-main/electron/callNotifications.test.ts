import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallInfo } from '../../src-preload/contract';
import { testCall } from '../../src-preload/contract/testing/callInfo';
import { EventHub } from '../ipc/EventHub';
import { announceIncomingCalls, incomingCallNotice } from './callNotifications';

// vi.mock is hoisted above the imports, so the fake it returns must be hoisted too.
const { FakeNotification, created } = vi.hoisted(() => {
  const created: Array<{ options: { title: string; body: string }; handlers: Map<string, () => void>; shown: boolean; closed: boolean }> = [];
  class FakeNotification {
    static isSupported = () => true;
    readonly handlers = new Map<string, () => void>();
    shown = false;
    closed = false;
    constructor(readonly options: { title: string; body: string }) {
      created.push(this);
    }
    on(event: string, handler: () => void) {
      this.handlers.set(event, handler);
      return this;
    }
    show() {
      this.shown = true;
    }
    close() {
      this.closed = true;
    }
  }
  return { FakeNotification, created };
});
vi.mock('electron', () => ({ Notification: FakeNotification }));

const call = (overrides: Partial<CallInfo> = {}): CallInfo =>
  testCall({
    source: 'sip',
    from: { raw: '+16175550142', e164: '+16175550142', displayName: 'Maria Lopez' },
    ivrChoice: { digit: '2', label: 'Speak to a nurse about symptoms' },
    ...overrides,
  });

function fakeWindow(focused: boolean) {
  return { isFocused: () => focused, isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
}

beforeEach(() => {
  created.length = 0;
});

describe('incoming call notifications', () => {
  it('names the line and the IVR choice, never the caller', () => {
    const notice = incomingCallNotice(call(), () => 'Adult Primary Care');
    expect(notice.body).toBe('Adult Primary Care line · caller chose: Speak to a nurse about symptoms. Click to answer in Careline.');
    expect(JSON.stringify(notice)).not.toMatch(/0142|Maria|Lopez/);
    expect(incomingCallNotice(call({ dialed: { dnis: 'x', serviceLineId: null }, ivrChoice: null }), () => null).body).toMatch(/^Incoming call\./);
  });

  it('announces a call only when the window is not focused, brings it forward on click, and closes on answer', () => {
    const events = new EventHub();
    const win = fakeWindow(false);
    announceIncomingCalls(events, () => win, () => 'Adult Primary Care');
    events.publish('call.incoming', call());
    expect(created).toHaveLength(1);
    expect(created[0]!.shown).toBe(true);
    created[0]!.handlers.get('click')!();
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    events.publish('call.updated', call({ state: 'active', answeredAt: 2 }));
    expect(created[0]!.closed).toBe(true);

    const focused = new EventHub();
    announceIncomingCalls(focused, () => fakeWindow(true), () => null);
    focused.publish('call.incoming', call());
    expect(created).toHaveLength(1);
  });
});
