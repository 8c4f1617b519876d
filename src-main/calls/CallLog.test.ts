import { describe, expect, it } from 'vitest';
import { CallLogEntry, type CallInfo, type CallQuality } from '../../src-preload/contract';
import { testCall, testCallId } from '../../src-preload/contract/testing/callInfo';
import { CALL_LOG_CAPACITY, CallLog, type CallLogStore, MemoryCallLogStore, SqliteCallLogStore } from './CallLog';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../storage/migrations';
import { MIGRATIONS } from '../storage/migrations/index';

const T0 = 1_700_000_000_000;
const id = testCallId;

function call(n: number, patch: Partial<CallInfo> = {}): CallInfo {
  return testCall({ callId: id(n), ringAt: T0 + n, ...patch });
}

const quality = (callId: string, mos: number | null): CallQuality => ({
  callId, roundTripMs: 40, jitterMs: 3, lossPercent: 0.5, mos, packetsReceived: 1000, packetsSent: 990,
});

const stores: Array<[string, () => CallLogStore]> = [
  ['memory', () => new MemoryCallLogStore()],
  [
    'encrypted cache (SQLite)',
    () => {
      const db = new Database(':memory:');
      migrate(db, MIGRATIONS);
      return new SqliteCallLogStore(db);
    },
  ],
];

describe.each(stores)('CallLog (%s)', (_name, store) => {
  it('starts empty', () => {
    expect(new CallLog(CALL_LOG_CAPACITY, store()).list()).toEqual([]);
  });

  it('builds an entry from the call and follows it through answer, end and wrap-up', () => {
    const log = new CallLog(CALL_LOG_CAPACITY, store());
    log.record(call(1));
    expect(log.list()).toEqual([
      {
        callId: id(1), direction: 'inbound', party: '+16175550142', dnis: '+16175550100', serviceLineId: 'adult-primary-care',
        ringAt: T0 + 1, answeredAt: null, endedAt: null, endReason: null, wrapUpCode: null, patientId: null, quality: null,
      },
    ]);
    log.record(call(1, { state: 'active', answeredAt: T0 + 10 }));
    log.record(call(1, { state: 'ended', answeredAt: T0 + 10, endedAt: T0 + 70, endReason: 'Caller hung up' }));
    log.record(call(1, {
      state: 'ended', answeredAt: T0 + 10, endedAt: T0 + 70, endReason: 'Caller hung up',
      wrapUp: { code: 'scheduled', at: T0 + 90, userId: 'agent-alex', patientId: 'pat-1' },
    }));
    const [entry] = log.list();
    expect(entry).toMatchObject({ answeredAt: T0 + 10, endedAt: T0 + 70, endReason: 'Caller hung up', wrapUpCode: 'scheduled', patientId: 'pat-1' });
    expect(CallLogEntry.parse(entry)).toEqual(entry);
    expect(log.list()).toHaveLength(1);
  });

  it('keeps why no visit was booked with the wrap-up', () => {
    const log = new CallLog(CALL_LOG_CAPACITY, store());
    const noVisitReason = { code: 'caller-declined' as const, text: 'prefers to wait until Monday' };
    log.record(call(2, { state: 'ended', wrapUp: { code: 'no-action', at: T0 + 90, userId: 'nurse-jordan', patientId: 'pat-1', noVisitReason } }));
    const [entry] = log.list();
    expect(entry?.noVisitReason).toEqual(noVisitReason);
    expect(CallLogEntry.parse(entry)).toEqual(entry);
  });

  it('names the party by the display name when signaled, else the raw number', () => {
    const log = new CallLog(CALL_LOG_CAPACITY, store());
    log.record(call(1, { from: { raw: 'sip:front-desk@clinic.example', e164: null, displayName: 'Front desk' } }));
    log.record(call(2, { direction: 'outbound', state: 'dialing', from: { raw: '+16175550199', e164: '+16175550199', displayName: null } }));
    expect(log.list().map((e) => [e.direction, e.party])).toEqual([
      ['outbound', '+16175550199'],
      ['inbound', 'Front desk'],
    ]);
  });

  it('lists newest first; an update does not move a call', () => {
    const log = new CallLog(CALL_LOG_CAPACITY, store());
    log.record(call(1));
    log.record(call(2));
    log.record(call(1, { state: 'ended', endedAt: T0 + 50 }));
    expect(log.list().map((e) => e.callId)).toEqual([id(2), id(1)]);
  });

  it(`keeps the last ${CALL_LOG_CAPACITY} calls`, () => {
    const log = new CallLog(CALL_LOG_CAPACITY, store());
    for (let i = 1; i <= CALL_LOG_CAPACITY + 2; i += 1) log.record(call(i));
    const listed = log.list();
    expect(listed).toHaveLength(CALL_LOG_CAPACITY);
    expect(listed[0]?.callId).toBe(id(CALL_LOG_CAPACITY + 2));
    expect(listed.at(-1)?.callId).toBe(id(3));
  });

  it('stores the latest quality on its call, keeps it through later updates, and ignores unknown calls', () => {
    const log = new CallLog(2, store());
    log.record(call(1));
    log.quality(quality(id(1), 4.1));
    log.quality(quality(id(1), 3.6));
    log.record(call(1, { state: 'ended', endedAt: T0 + 9 }));
    expect(log.list()[0]?.quality?.mos).toBe(3.6);
    log.quality(quality(id(99), 4.4));
    expect(log.list()).toHaveLength(1);
    // Evicted calls are unknown too.
    log.record(call(2));
    log.record(call(3));
    log.quality(quality(id(1), 4.0));
    expect(log.list().map((e) => e.callId)).toEqual([id(3), id(2)]);
  });
});
