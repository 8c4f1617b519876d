import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallInfo } from '../../src-preload/contract';
import { DemoPhoneLine } from '../demo/DemoPhoneLine';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import { CallCoordinator } from './CallCoordinator';

const lines: DemoPhoneLine[] = [];
afterEach(async () => {
  await Promise.all(lines.splice(0).map((l) => l.stop()));
});

function setup() {
  const events = new EventHub();
  const updates: CallInfo[] = [];
  events.subscribe((event, payload) => {
    if (event === 'call.updated' || event === 'call.incoming') updates.push(payload as CallInfo);
  });
  const line = new DemoPhoneLine(() => [], ['+16175550100'], Math.random, 10);
  lines.push(line);
  const matcher = { byPhone: vi.fn(async () => []) } as unknown as PatientMatcher;
  const calls = new CallCoordinator({ port: line, matcher, events, logger: createMemoryLogger(), serviceLineFor: () => null, ivrLabel: (d) => d });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  };
  return { events, updates, line, calls, until };
}

describe('CallCoordinator: phone controls', () => {
  it('places a call: dialing, then active when the far end answers; hangs it up', async () => {
    const { calls, until } = setup();
    const call = await calls.dial('+16175550190');
    expect(call).toMatchObject({ state: 'dialing', direction: 'outbound', from: { e164: '+16175550190' } });
    await until(() => calls.get(call.callId)?.state === 'active');
    expect((await calls.hangUp(call.callId)).endReason).toBe('You hung up');
  });

  it('holds and resumes; answering a second line holds the first (call waiting)', async () => {
    const { calls, line } = setup();
    const first = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(first.callId);
    expect((await calls.hold(first.callId, true)).held).toBe(true);
    expect((await calls.hold(first.callId, false)).held).toBe(false);
    const second = line.ring({ callerPhone: '+16175550143' });
    await calls.answer(second.callId);
    expect(calls.get(first.callId)?.held).toBe(true);
    expect(calls.live().map((c) => c.callId)).toEqual([second.callId, first.callId]);
    // Resuming the first holds the second: one conversation at a time.
    await calls.hold(first.callId, false);
    expect(calls.get(second.callId)?.held).toBe(true);
  });

  it('refuses controls on calls in the wrong state, in words', async () => {
    const { calls, line } = setup();
    const ringing = line.ring({ callerPhone: '+16175550142' });
    await expect(calls.hold(ringing.callId, true)).rejects.toThrow(/Only a connected call can be held/);
    await expect(calls.sendDtmf(ringing.callId, '1')).rejects.toThrow(/connected call/);
    await expect(calls.blindTransfer(ringing.callId, '+16175550190')).rejects.toThrow(/Only a connected call can be transferred/);
    expect((await calls.decline(ringing.callId)).endReason).toBe('Declined');
    await expect(calls.decline(ringing.callId)).rejects.toThrow(/Only a ringing call/);
  });

  it('attended transfer: consult (the caller is held), then complete: both legs end as transferred', async () => {
    const { calls, line, until } = setup();
    const caller = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(caller.callId);
    const consult = await calls.consult(caller.callId, '+16175550190');
    expect(consult.consultFor).toBe(caller.callId);
    expect(calls.get(caller.callId)?.held).toBe(true);
    await expect(calls.completeTransfer(caller.callId, consult.callId)).rejects.toThrow(/must be connected/);
    await until(() => calls.get(consult.callId)?.state === 'active');
    await calls.completeTransfer(caller.callId, consult.callId);
    await until(() => calls.get(caller.callId)?.state === 'ended' && calls.get(consult.callId)?.state === 'ended');
    expect(calls.get(caller.callId)?.endReason).toBe('Transferred (simulation)');
  });

  it('blind transfer ends our leg', async () => {
    const { calls, line, until } = setup();
    const caller = line.ring({ callerPhone: '+16175550142' });
    await calls.answer(caller.callId);
    await calls.blindTransfer(caller.callId, '+16175550190');
    await until(() => calls.get(caller.callId)?.state === 'ended');
  });
});
