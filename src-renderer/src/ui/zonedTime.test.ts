import { describe, expect, it } from 'vitest';
import { formatZonedTime, sameAsAgentZone, zoneAbbreviation } from './zonedTime';

// 2026-12-07 16:00 UTC: 9:00 AM in Denver (MST), 11:00 AM in New York, 6:00 AM in Honolulu, 6:00 AM Tuesday in Kiritimati.
const T = Date.UTC(2026, 11, 7, 16, 0);

describe('formatZonedTime', () => {
  it('says the zone, and whose it is, only when it is not the agent\u2019s', () => {
    expect(formatZonedTime(T, 'America/Denver', { role: 'clinic', agentZone: 'America/New_York' })).toBe('Mon, Dec 7, 9:00 AM MST (clinic)');
    expect(formatZonedTime(T, 'America/New_York', { role: 'clinic', agentZone: 'America/New_York' })).toBe('Mon, Dec 7, 11:00 AM');
    // Detroit reads like New York: nothing to say.
    expect(formatZonedTime(T, 'America/Detroit', { role: 'clinic', agentZone: 'America/New_York' })).toBe('Mon, Dec 7, 11:00 AM');
    expect(formatZonedTime(T, 'Pacific/Kiritimati', { role: 'clinic', agentZone: 'America/New_York' })).toBe('Tue, Dec 8, 6:00 AM GMT+14 (clinic)');
    expect(formatZonedTime(T, 'UTC', { agentZone: 'America/New_York', style: 'time' })).toBe('4:00 PM UTC');
  });

  it('styles: time only, or long for what is read to a caller', () => {
    expect(formatZonedTime(T, 'America/Denver', { agentZone: 'America/Denver', style: 'time' })).toBe('9:00 AM');
    expect(formatZonedTime(T, 'Pacific/Honolulu', { role: 'line', agentZone: 'America/Denver', style: 'long' })).toBe('Monday, December 7 at 6:00 AM HST (line)');
  });

  it('names zones and compares them at the instant (a DST zone and a fixed one can agree in winter only)', () => {
    expect(zoneAbbreviation(T, 'America/Denver')).toBe('MST');
    expect(sameAsAgentZone(T, 'America/Phoenix', 'America/Denver')).toBe(true);
    expect(sameAsAgentZone(Date.UTC(2026, 6, 7, 16), 'America/Phoenix', 'America/Denver')).toBe(false);
  });
});
