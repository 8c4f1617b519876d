import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallLogEntry } from '../../../../src-preload/contract';
import { ok } from '../../bridge';
import { OTHER_CALL_ID, activeCall, callLogEntry } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { CallLogPanel, durationText } from './CallLogPanel';

describe('CallLogPanel', () => {
  it('says when there are no calls yet', async () => {
    renderWithProviders(<CallLogPanel />, { handlers: workstationHandlers(), session: {} });
    await waitFor(() => expect(screen.getByTestId('call-log-empty')).toHaveTextContent('No calls yet on this workstation.'));
  });

  it('lists recent calls: direction, party, line, duration, wrap-up code and MOS', async () => {
    const entries: CallLogEntry[] = [
      callLogEntry({
        callId: OTHER_CALL_ID, direction: 'outbound', party: '+15555550199', dnis: '+15555550199', serviceLineId: null,
        answeredAt: null, endedAt: 1_700_000_200_000, endReason: null, wrapUpCode: null, patientId: null,
      }),
      callLogEntry({
        party: 'Front desk',
        quality: { callId: callLogEntry().callId, roundTripMs: 40, jitterMs: 3, lossPercent: 0, mos: 4.26, packetsReceived: 10, packetsSent: 10 },
      }),
    ];
    renderWithProviders(<CallLogPanel />, { handlers: workstationHandlers({ 'callLog.list': () => ok(entries) }), session: {} });
    const rows = await screen.findAllByTestId('call-log-row');
    expect(rows).toHaveLength(2);
    const [outbound, inbound] = rows.map((row) => within(row).getAllByRole('cell').map((c) => c.textContent));
    expect(outbound!.slice(2)).toEqual(['(555) 555-0199', '—', 'Not answered', '—', '—']);
    expect(within(rows[0]!).getByRole('img', { name: 'Outbound' })).toBeInTheDocument();
    expect(inbound!.slice(2)).toEqual(['Front desk', 'Family Medicine Nurse Line', '01:35', 'Resolved', '4.3']);
    expect(within(rows[1]!).getByRole('img', { name: 'Inbound' })).toBeInTheDocument();
  });

  it('shows each call at the agent\'s local time, not UTC', async () => {
    // 16:05 UTC is 9:05 AM in Denver.
    const entries = [callLogEntry({ ringAt: Date.UTC(2026, 11, 7, 16, 5) })];
    renderWithProviders(<CallLogPanel agentZone="America/Denver" />, { handlers: workstationHandlers({ 'callLog.list': () => ok(entries) }), session: {} });
    const row = await screen.findByTestId('call-log-row');
    expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(/^9:05 AM$/);
    expect(screen.getByRole('columnheader', { name: 'Time' })).toHaveAttribute('title', 'Your local time (MST)');
  });

  it('reads the log again when a call changes', async () => {
    let entries: CallLogEntry[] = [];
    const { bridge } = renderWithProviders(<CallLogPanel />, {
      handlers: workstationHandlers({ 'callLog.list': () => ok(entries) }),
      session: {},
    });
    await screen.findByTestId('call-log-empty');
    entries = [callLogEntry({ answeredAt: 1_700_000_005_000, endedAt: null, wrapUpCode: null })];
    act(() => bridge.emit('call.updated', activeCall()));
    const row = await screen.findByTestId('call-log-row');
    expect(row).toHaveTextContent('In progress');
    expect(bridge.invocationsOf('callLog.list').length).toBeGreaterThanOrEqual(2);
  });

  it('says when the log cannot be read', async () => {
    renderWithProviders(<CallLogPanel />, {
      handlers: workstationHandlers({ 'callLog.list': () => ({ ok: false, error: { code: 'not-signed-in', message: 'Please sign in first.' } }) }),
      session: {},
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The call log could not be read: Please sign in first.');
  });
});

describe('durationText', () => {
  it.each<[Partial<CallLogEntry>, string]>([
    [{}, '01:35'],
    [{ endedAt: null }, 'In progress'],
    [{ answeredAt: null, endReason: 'Declined' }, 'Declined'],
    [{ answeredAt: null, endReason: null }, 'Missed'],
    [{ answeredAt: null, endedAt: null }, 'Ringing'],
    [{ direction: 'outbound', answeredAt: null, endedAt: null }, 'Dialing'],
  ])('%j -> %s', (patch, text) => {
    expect(durationText(callLogEntry(patch))).toBe(text);
  });
});
