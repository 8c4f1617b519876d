import { describe, expect, it } from 'vitest';
import { DocumentEncounterRequest } from '../../../../src-preload/contract';
import { sessionAtDisposition } from '../../test/callSessions';
import { buildDocumentRequest } from './callSessionMachine';
import { interviewSettingOf } from './interviewSetting';

const base = { ageBand: 'adult', sex: 'female', afterHours: false, hoursBecause: 'open' } as const;

describe('interviewSettingOf', () => {
  it('documents what the interview heard: location and its source, site time, caller role, pregnancy', () => {
    expect(
      interviewSettingOf({ ...base, state: 'ct', zip: '06103', locationSource: 'caller', localTime: '23:30', callerRole: 'parent', pregnancy: 'pregnant' }),
    ).toEqual({ state: 'CT', zip: '06103', locationSource: 'caller', localTime: '23:30', callerRole: 'parent', pregnancy: 'pregnant' });
  });

  it('a draft from before these inputs documents them as unknown, as its interview assumed', () => {
    expect(interviewSettingOf(base)).toEqual({ state: null, zip: null, locationSource: null, localTime: null, callerRole: 'self', pregnancy: 'unknown' });
  });

  it('never documents a place the contract would refuse', () => {
    expect(interviewSettingOf({ ...base, state: 'XX', zip: '123', locationSource: 'chart' })).toMatchObject({ state: null, zip: null, locationSource: null });
  });
});

describe('buildDocumentRequest', () => {
  it('carries the interview setting, valid for main', () => {
    const snapshot = sessionAtDisposition('nurse');
    const interview = snapshot.context.interview!;
    const context = { ...snapshot.context, interview: { ...interview, input: { ...interview.input, state: 'NY', zip: '10001', locationSource: 'chart' as const, localTime: '10:15' } } };
    const request = buildDocumentRequest(context, 1_700_000_100_000);
    expect(request?.interview.setting).toMatchObject({ state: 'NY', zip: '10001', locationSource: 'chart', localTime: '10:15' });
    expect(DocumentEncounterRequest.safeParse(request).success).toBe(true);
  });
});
