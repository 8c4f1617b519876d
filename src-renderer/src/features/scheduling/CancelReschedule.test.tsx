import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import type { CallSessionSnapshot } from '../call-session';
import { ChartPane } from '../chart';
import { sessionAtDisposition, sessionAtInterview, sessionAtReason } from '../../test/callSessions';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { changeReason } from './SchedulingPane';
import {
  CONFIRMATION_SCRIPT,
  type FakeSchedulingOptions,
  appointmentOf,
  fakeScheduling,
  followUpVisit,
  offer,
} from '../../test/schedulingFixtures';

// A follow-up with the PCP three days out (in the EHR), and one just booked that still waits in the outbox.
const followUp = offer({ id: 'offer-old', providerId: 'pr-kim', locationId: 'loc-main', startOffsetMinutes: 3 * 24 * 60, reasons: [] }, 1, followUpVisit);
const queuedVisit = offer({ id: 'offer-queued', providerId: 'pr-osei', locationId: 'loc-main', startOffsetMinutes: 5 * 24 * 60, reasons: [] }, 1, followUpVisit);
const inEhr = appointmentOf(followUp, 'appt-50', false);
const pending = appointmentOf(queuedVisit, 'appt-51', true);

function renderChart(options: { scheduling?: FakeSchedulingOptions; snapshot?: CallSessionSnapshot } = {}) {
  const scheduling = fakeScheduling({ appointments: [inEhr, pending], ...options.scheduling });
  const rendered = renderWithProviders(
    <>
      <WorkflowPane />
      <ChartPane />
    </>,
    {
      handlers: workstationHandlers(scheduling.handlers),
      session: {},
      callSnapshot: options.snapshot ?? sessionAtReason('agent'),
    },
  );
  return { ...rendered, scheduling };
}

const rows = () => screen.getAllByTestId('chart-appointment-row');
const rowOf = (id: string) => rows()[id === inEhr.id ? 0 : 1]!;

describe('Upcoming appointments: cancel', () => {
  it('offers cancel and reschedule only for appointments in the EHR, and says why a pending one has none', async () => {
    renderChart();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [first, second] = rows();
    expect(within(first!).getByRole('button', { name: /^Cancel… Follow-up visit on .* with Dr\. Dana Kim$/ })).toBeEnabled();
    expect(within(first!).getByRole('button', { name: /^Reschedule… Follow-up visit/ })).toBeEnabled();
    expect(second).toHaveAttribute('data-pending', 'true');
    expect(within(second!).queryByRole('button', { name: /Cancel…|Reschedule…/ })).not.toBeInTheDocument();
    expect(within(second!).getByTestId('chart-appointment-pending-note')).toHaveTextContent('once it is in the EHR');
  });

  it('requires a reason, keeps it through a failure, retries with the same key, then drops the row and says so', async () => {
    const { user, bridge, scheduling } = renderChart({ scheduling: { cancelOutcomes: ['error'] } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rowOf(inEhr.id)).getByRole('button', { name: /^Cancel…/ }));
    const reason = screen.getByTestId('cancel-reason');
    expect(reason).toHaveFocus();
    await user.keyboard('no{Enter}');
    expect(screen.getByTestId('cancel-form')).toHaveTextContent('at least 3 characters');
    expect(bridge.invocationsOf('schedule.cancel')).toHaveLength(0);

    await user.clear(reason);
    await user.click(screen.getByRole('radio', { name: 'Feeling better' }));
    expect(reason).toHaveValue('Feeling better');
    await user.click(screen.getByTestId('cancel-confirm'));
    expect(await screen.findByTestId('cancel-error')).toHaveTextContent('Not cancelled: The EHR is not answering.');
    expect(screen.getByTestId('cancel-reason')).toHaveValue('Feeling better');
    expect(rows()).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('chart-appointment-cancelled')).toHaveTextContent(/^Cancelled: Follow-up visit on .* with Dr\. Dana Kim\.$/);
    expect(screen.getByTestId('chart-appointment-cancelled')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveAttribute('data-pending', 'true');
    const requests = bridge.invocationsOf('schedule.cancel');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ appointmentId: 'appt-50', patientId: 'pat-maria', reason: 'Feeling better' });
    expect(requests[1]?.idempotencyKey).toBe(requests[0]?.idempotencyKey);
    expect(scheduling.cancelledKeys()).toEqual([requests[0]?.idempotencyKey]);
  });

  it('keeps the appointment with Esc', async () => {
    const { user, bridge } = renderChart();
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rowOf(inEhr.id)).getByRole('button', { name: /^Cancel…/ }));
    await user.keyboard('Patient request{Escape}');
    expect(screen.queryByTestId('cancel-form')).not.toBeInTheDocument();
    expect(bridge.invocationsOf('schedule.cancel')).toHaveLength(0);
    expect(rows()).toHaveLength(2);
  });
});

describe('Upcoming appointments: reschedule', () => {
  it('moves the appointment with the held offer through schedule.reschedule, never book, and returns to the reason step', async () => {
    const { user, bridge, scheduling } = renderChart();
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rowOf(inEhr.id)).getByRole('button', { name: /^Reschedule…/ }));

    expect(await screen.findByTestId('scheduling-title')).toHaveTextContent(/^Reschedule Follow-up visit on .* with Dr\. Dana Kim$/);
    await waitFor(() => expect(screen.getAllByTestId('offer-row')).toHaveLength(3));
    // The appointment being moved cannot be cancelled from under the pane; the others keep their actions.
    expect(within(rowOf(inEhr.id)).getByTestId('chart-appointment-rescheduling')).toBeInTheDocument();
    expect(within(rowOf(inEhr.id)).queryByRole('button', { name: /^Cancel…/ })).not.toBeInTheDocument();
    // The appointment's own visit type, in the routine window (no disposition at the reason step).
    expect(bridge.invocationsOf('schedule.search')[0]).toMatchObject({ visitTypeId: 'follow-up', dispositionId: null });
    await user.keyboard('{Enter}');
    const reason = await screen.findByTestId('booking-reason');
    expect(reason).toHaveValue('');
    expect(reason).toHaveFocus();
    expect(screen.getByTestId('booking-book')).toBeDisabled();
    await user.keyboard('Work conflict');
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByTestId('booking-result-status')).toHaveTextContent('Appointment booked');
    expect(screen.getByTestId('confirmation-script')).toHaveTextContent(CONFIRMATION_SCRIPT);
    const [hold] = bridge.invocationsOf('schedule.hold');
    expect(hold).toMatchObject({ patientId: 'pat-maria', offerId: 'offer-kim-1020' });
    const [request] = bridge.invocationsOf('schedule.reschedule');
    expect(request).toMatchObject({ appointmentId: 'appt-50', patientId: 'pat-maria', reason: 'Work conflict' });
    expect(request?.holdId).toMatch(/^00000000-aaaa-4bbb-8ccc-/);
    expect(request?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(bridge.invocationsOf('schedule.book')).toHaveLength(0);

    // The chart reloads: the old appointment is gone, the new one is listed.
    await waitFor(() => expect(scheduling.appointments().find((a) => a.id === 'appt-50')?.status).toBe('cancelled'));
    await waitFor(() => expect(rows().map((r) => r.textContent).join(' ')).toContain('Same-day sick visit'));
    expect(rows()).toHaveLength(2);

    expect(screen.getByTestId('scheduling-done')).toHaveTextContent('Back to the reason for the call');
    await user.click(screen.getByTestId('scheduling-done'));
    await waitFor(() => expect(screen.queryByTestId('scheduling-pane')).not.toBeInTheDocument());
    expect(screen.getByTestId('reason-pane')).toBeInTheDocument();
  });

  it('on a conflict re-offers and keeps the reason for the change', async () => {
    const { user, bridge } = renderChart({ scheduling: { rescheduleOutcomes: ['conflict'] } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rowOf(inEhr.id)).getByRole('button', { name: /^Reschedule…/ }));
    await waitFor(() => expect(screen.getAllByTestId('offer-row')).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-reason');
    await user.paste('Caller is travelling that week');
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByTestId('booking-conflict')).toHaveTextContent('That slot was just taken');
    expect(screen.getAllByTestId('offer-row')).toHaveLength(2);
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('booking-reason')).toHaveValue('Caller is travelling that week');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('booking-result');
    const [first, second] = bridge.invocationsOf('schedule.reschedule');
    expect(second).toMatchObject({ appointmentId: 'appt-50', reason: 'Caller is travelling that week' });
    expect(second?.holdId).not.toBe(first?.holdId);
    expect(bridge.invocationsOf('schedule.book')).toHaveLength(0);
  });

  it('uses the disposition window during a call and goes back to the disposition', async () => {
    const { user, bridge } = renderChart({ snapshot: sessionAtDisposition('nurse') });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(within(rowOf(inEhr.id)).getByRole('button', { name: /^Reschedule…/ }));
    await waitFor(() => expect(screen.getAllByTestId('offer-row')).toHaveLength(3));
    expect(bridge.invocationsOf('schedule.search')[0]).toMatchObject({ visitTypeId: 'follow-up', dispositionId: 'home-care' });
    await user.click(screen.getByRole('button', { name: /Back to disposition/ }));
    expect(await screen.findByTestId('action-schedule')).toBeInTheDocument();
  });

  it('cannot start in the middle of an interview, and says when it can', async () => {
    renderChart({ snapshot: sessionAtInterview('nurse') });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const button = within(rowOf(inEhr.id)).getByRole('button', { name: /^Reschedule…/ });
    expect(button).toBeDisabled();
    expect(rowOf(inEhr.id)).toHaveTextContent('Reschedule after the interview');
    // Cancelling does not touch the interview: it stays available.
    expect(within(rowOf(inEhr.id)).getByRole('button', { name: /^Cancel…/ })).toBeEnabled();
  });
});

describe('changeReason', () => {
  it("keeps a nurse's past-the-window reason with the reason for the change, within the contract's 500", () => {
    expect(changeReason('  Work conflict ', null)).toBe('Work conflict');
    expect(changeReason('Work conflict', ' Caller stable, PCP continuity ')).toBe("Work conflict · Past the disposition's window: Caller stable, PCP continuity");
    expect(changeReason('x'.repeat(490), 'y'.repeat(40))).toHaveLength(500);
  });
});
