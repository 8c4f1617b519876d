import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import { sessionAtReason } from '../../test/callSessions';
import type { AppointmentSummary, EncounterSummary } from '../../../../src-preload/contract';
import { chartOf, mariaLopez, outboxItem } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { ChartPane } from './ChartPane';

const visit: EncounterSummary = { id: 'enc-1', date: '2025-01-10', type: 'Office visit', reason: 'Annual exam', disposition: null, performer: 'Dr. Casey Morgan', status: 'finished' };
const triage: EncounterSummary = { id: 'enc-2', date: '2025-03-01T14:02:00Z', type: 'Telephone triage', reason: 'Fever', disposition: 'Home care', performer: 'Noor Haddad, RN', status: 'finished' };

describe('ChartPane', () => {
  it('shows the banner and recent encounters of the verified patient', async () => {
    renderWithProviders(<ChartPane />, {
      handlers: workstationHandlers({ 'patient.chart': () => ok(chartOf(mariaLopez, [visit, triage])) }),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    const banner = await screen.findByTestId('chart-banner');
    expect(banner).toHaveTextContent('Maria Lopez');
    expect(banner).toHaveTextContent('DOB 04/12/1985');
    expect(banner).toHaveTextContent('MRN-pat-maria');
    expect(banner).toHaveTextContent('Spanish');
    expect(banner).toHaveTextContent('(555) 555-0123');
    expect(banner).toHaveTextContent('Dr. Casey Morgan');
    expect(banner).toHaveTextContent('Acme Health · PPO');
    const rows = within(screen.getByTestId('chart-encounters')).getAllByTestId('chart-encounter-row');
    // Newest first.
    expect(rows.map((r) => r.getAttribute('data-encounter-id'))).toEqual(['enc-2', 'enc-1']);
    expect(rows[0]).toHaveTextContent('Telephone triage');
    expect(rows[0]).toHaveTextContent('Home care');
    expect(rows[0]).toHaveTextContent('Noor Haddad, RN');
    expect(screen.queryByTestId('chart-unverified')).not.toBeInTheDocument();
  });

  it('refreshes when a queued documentation for the patient reaches the EHR', async () => {
    let encounters = [visit];
    const { bridge } = renderWithProviders(<ChartPane />, {
      handlers: workstationHandlers({ 'patient.chart': () => ok(chartOf(mariaLopez, encounters)) }),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    await screen.findByTestId('chart-banner');
    encounters = [visit, triage];
    act(() => bridge.emit('outbox.changed', [outboxItem({ state: 'sent', encounterId: 'enc-2' })]));
    await waitFor(() => expect(screen.getAllByTestId('chart-encounter-row')).toHaveLength(2));
  });

  it('shows the error with a way to try again', async () => {
    let fail = true;
    const { user } = renderWithProviders(<ChartPane />, {
      handlers: workstationHandlers({
        'patient.chart': () =>
          fail ? { ok: false, error: { code: 'ehr-unavailable', message: 'The EHR is not answering.' } } : ok(chartOf(mariaLopez)),
      }),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    expect(await screen.findByTestId('chart-error')).toHaveTextContent('The EHR is not answering.');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('chart-banner')).toBeInTheDocument();
  });
});

describe('ChartPane upcoming appointments', () => {
  const appointment = (id: string, startInHours: number, pending: boolean): AppointmentSummary => {
    const start = Date.now() + startInHours * 3_600_000;
    return { id, status: pending ? 'proposed' : 'booked', start, end: start + 20 * 60_000, visitTypeLabel: 'Follow-up visit', providerName: 'Dr. Dana Kim', locationName: 'Main Street Clinic', timeZone: 'America/New_York', mode: 'in-person', pending };
  };

  it('lists upcoming appointments soonest first, marks ones still in the outbox, and drops past and cancelled ones', async () => {
    renderWithProviders(<ChartPane />, {
      handlers: workstationHandlers({
        'patient.chart': () => ok(chartOf(mariaLopez)),
        'schedule.appointments': () =>
          ok([appointment('appt-later', 48, false), appointment('appt-past', -5, false), { ...appointment('appt-cancelled', 5, false), status: 'cancelled' }, appointment('appt-soon', 3, true)]),
      }),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    await waitFor(() => expect(screen.getAllByTestId('chart-appointment-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('chart-appointment-row');
    expect(rows.map((r) => r.getAttribute('data-pending'))).toEqual(['true', 'false']);
    expect(rows[0]).toHaveTextContent('Not yet in the EHR');
    expect(rows[1]).not.toHaveTextContent('Not yet in the EHR');
    expect(rows[1]).toHaveTextContent('Follow-up visit · Dr. Dana Kim · Main Street Clinic');
  });

  it('reloads when a pending appointment of the patient is delivered', async () => {
    let pending = true;
    const { bridge } = renderWithProviders(<ChartPane />, {
      handlers: workstationHandlers({
        'patient.chart': () => ok(chartOf(mariaLopez)),
        'schedule.appointments': () => ok([appointment('appt-1', 3, pending)]),
      }),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    await waitFor(() => expect(screen.getByTestId('chart-appointment-row')).toHaveAttribute('data-pending', 'true'));
    pending = false;
    act(() => bridge.emit('outbox.changed', [outboxItem({ state: 'sent', patientId: 'pat-maria' })]));
    await waitFor(() => expect(screen.getByTestId('chart-appointment-row')).toHaveAttribute('data-pending', 'false'));
  });
});
