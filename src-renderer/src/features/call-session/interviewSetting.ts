import { type InterviewSetting, US_STATE_CODES } from '../../../../src-preload/contract';
import type { InterviewInput } from './types';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The documented "where and when" of an interview: what its location and time-of-day conditions read. A draft
 * started before these inputs existed documents them as unknown, which is what its interview assumed.
 */
export function interviewSettingOf(input: InterviewInput): InterviewSetting {
  const state = input.state?.toUpperCase() ?? null;
  const usState = state !== null && (US_STATE_CODES as readonly string[]).includes(state) ? (state as InterviewSetting['state']) : null;
  const zip = input.zip !== undefined && input.zip !== null && /^\d{5}$/.test(input.zip) ? input.zip : null;
  return {
    state: usState,
    zip,
    locationSource: usState === null && zip === null ? null : (input.locationSource ?? null),
    localTime: input.localTime !== undefined && input.localTime !== null && HH_MM.test(input.localTime) ? input.localTime : null,
    callerRole: input.callerRole ?? 'self',
    pregnancy: input.pregnancy ?? 'unknown',
  };
}
