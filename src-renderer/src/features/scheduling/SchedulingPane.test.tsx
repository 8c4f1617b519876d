import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role, User } from '../../../../src-preload/contract';
import { WorkflowPane } from '../../app/WorkflowPane';
import { ChartPane } from '../chart';
import type { FakeHandlers } from '../../bridge/fakeBridge';
import { callSessionMachine, type CallSessionSnapshot } from '../call-session';
import { sessionAtDisposition } from '../../test/callSessions';
import { activeCall, agentUser, nurseUser } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { type FakeSchedulingOptions, CONFIRMATION_SCRIPT, fakeScheduling, noneInWindowResult } from '../../test/schedulingFixtures';

/** A call session at the scheduling step for a "seen within 4 hours" disposition (the reason for the call pre-fills). */
function sessionAtScheduling(role: Role): CallSessionSnapshot {
  const base = sessionAtDisposition(role);
  const outcome = base.context.outcome;
  if (!outcome) throw new Error('fixture without outcome');
  const context = {
    ...base.context,
    outcome: { ...outcome, disposition: { id: 'seen-within-4-hours' as const, because: 'Fever more than 3 days' } },
    scheduling: {
      dispositionId: 'seen-within-4-hours' as const,
      visitTypeId: null,
      preferences: {},
      reason: 'Fever since yesterday',
      sendConfirmation: true,
      outsideWindowReason: '',
      hold: null,
      idempotencyKey: null,
    },
  };
  return callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'scheduling' }, context });
}

function renderScheduling(options: { user?: User; scheduling?: FakeSchedulingOptions; handlers?: FakeHandlers } = {}) {
  const user = options.user ?? agentUser;
  const scheduling = fakeScheduling(options.scheduling);
  const rendered = renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers({ ...scheduling.handlers, ...options.handlers }),
    session: { user },
    callSnapshot: sessionAtScheduling(user.role),
  });
  return { ...rendered, scheduling };
}

const offerRows = () => screen.getAllByTestId('offer-row');

describe('SchedulingPane', () => {
  it('opens with the suggested visit type and the window, and lists ranked offers with their reasons', async () => {
    const { bridge } = renderScheduling();
    expect(screen.getByTestId('scheduling-searching')).toHaveTextContent(/Loading visit types|Searching/);
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    expect(bridge.invocationsOf('schedule.search')[0]).toMatchObject({
      patientId: 'pat-maria',
      dispositionId: 'seen-within-4-hours',
      visitTypeId: 'same-day-sick',
      preferences: {},
    });
    expect(screen.getByTestId('scheduling-window')).toHaveTextContent('Within 4 hours: until 1:00 PM EST (clinic)');
    const [first, second, third] = offerRows();
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(within(first!).getByTestId('offer-reasons')).toHaveTextContent('Your PCP, Dr. Dana Kim');
    expect(first).toHaveTextContent('Dr. Dana Kim · Main Street Clinic');
    expect(second).toHaveTextContent('Video visit');
    // The Lakeshore clinic is an hour behind: its zone is named; the workstation (jsdom) is not in either zone.
    expect(within(third!).getByTestId('offer-time')).toHaveTextContent(/CST \(clinic\)$/);
    expect(third).toHaveTextContent('19 km · Procedure room 2');
    // The offers list has focus, ready for the arrows.
    expect(screen.getByRole('listbox', { name: /Offered appointments/ })).toHaveFocus();
  });

  it('explains the excluded candidates on demand', async () => {
    const { user } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    expect(screen.queryAllByTestId('exclusion-row')).toHaveLength(0);
    expect(screen.getByTestId('why-not-others')).toHaveAttribute('aria-expanded', 'false');
    await user.click(screen.getByTestId('why-not-others'));
    expect(screen.getByTestId('why-not-others')).toHaveAttribute('aria-expanded', 'true');
    const rows = screen.getAllByTestId('exclusion-row');
    expect(rows[0]).toHaveTextContent('After the 4-hour window');
    expect(rows[0]).toHaveTextContent('212');
    expect(rows[1]).toHaveTextContent('Dr. Kofi Osei does not accept Evergreen PPO 500');
  });

  it('re-searches when a preference changes, keeping the visit type', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.click(screen.getByLabelText('Video visit is fine'));
    await user.click(screen.getByLabelText('Morning'));
    await waitFor(() => expect(bridge.invocationsOf('schedule.search')).toHaveLength(3));
    expect(bridge.invocationsOf('schedule.search').at(-1)).toMatchObject({
      visitTypeId: 'same-day-sick',
      preferences: { telehealthOk: true, dayParts: ['morning'] },
    });
  });

  it('says the distance limit in force, and lifts it only when the caller asks for any distance', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    expect(screen.getByTestId('distance-limit')).toHaveTextContent('Clinics within 80 km of home (the default; the caller may ask for any distance)');
    expect(bridge.invocationsOf('schedule.search')[0]).toMatchObject({ preferences: {} });
    await user.click(screen.getByLabelText(/Any distance \(the caller asks\)/));
    await waitFor(() => expect(bridge.invocationsOf('schedule.search').at(-1)).toMatchObject({ preferences: { anyDistance: true } }));
    expect(screen.getByTestId('pref-distance')).toBeDisabled();
  });

  it('moves with j/k and digits, holds with Enter, releases with Esc', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.keyboard('j');
    expect(offerRows()[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('k');
    expect(offerRows()[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('3');
    expect(offerRows()[2]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    expect(bridge.invocationsOf('schedule.hold')).toEqual([{ patientId: 'pat-maria', offerId: 'offer-reyes-lake' }]);
    expect(screen.getByTestId('hold-countdown')).toHaveTextContent(/Held [45]:\d\d/);
    expect(screen.getByTestId('booking-reason')).toHaveValue('Fever since yesterday');

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('booking-form')).not.toBeInTheDocument();
    expect(bridge.invocationsOf('schedule.release')).toHaveLength(1);
  });

  it('books with Ctrl+Enter and shows the confirmation script', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    await user.click(screen.getByTestId('booking-send-confirmation'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const status = await screen.findByTestId('booking-result-status');
    expect(status).toHaveTextContent('Appointment booked');
    expect(screen.getByTestId('confirmation-script')).toHaveTextContent(CONFIRMATION_SCRIPT);
    const [request] = bridge.invocationsOf('schedule.book');
    expect(request).toMatchObject({
      patientId: 'pat-maria',
      reason: 'Fever since yesterday',
      sendConfirmation: false,
      dispositionId: 'seen-within-4-hours',
      outsideWindowReason: null,
      callId: activeCall().callId,
    });
    expect(request?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // Ctrl+Enter now goes back to the disposition, which shows the booking.
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('action-booked')).toHaveTextContent('Appointment booked');
  });

  it('retries a failed booking with the same idempotency key, so it never books twice', async () => {
    const { user, bridge, scheduling } = renderScheduling({ scheduling: { bookOutcomes: ['error'] } });
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    await user.click(screen.getByTestId('booking-book'));
    expect(await screen.findByTestId('scheduling-error')).toHaveTextContent('Not booked yet');
    await user.click(screen.getByTestId('booking-book'));
    await screen.findByTestId('booking-result');
    const keys = bridge.invocationsOf('schedule.book').map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(scheduling.bookedKeys()).toEqual([keys[0]]);
  });

  it('says plainly when the booking is only saved, with the reason and the script', async () => {
    const { user } = renderScheduling({ scheduling: { bookOutcomes: ['queued'] } });
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const status = await screen.findByTestId('booking-result-status');
    expect(status).toHaveTextContent('Saved, not yet in the EHR — it will be sent automatically');
    expect(screen.getByTestId('booking-queued-reason')).toHaveTextContent('The EHR is not answering');
    expect(screen.getByTestId('confirmation-script')).toHaveTextContent(CONFIRMATION_SCRIPT);
  });

  it('on a conflict shows fresh offers and keeps the reason, preferences and confirmation choice', async () => {
    const { user, bridge } = renderScheduling({ scheduling: { bookOutcomes: ['conflict'] } });
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.click(screen.getByLabelText('Video visit is fine'));
    await waitFor(() => expect(bridge.invocationsOf('schedule.search')).toHaveLength(2));
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.click(offerRows()[0]!);
    await user.keyboard('{Enter}');
    const reason = await screen.findByTestId('booking-reason');
    await user.clear(reason);
    // Pasted rather than typed key by key: the test is about what is kept, not about typing.
    await user.paste('Fever 4 days, wants morning');
    await user.click(screen.getByTestId('booking-send-confirmation'));
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByTestId('booking-conflict')).toHaveTextContent('That slot was just taken');
    expect(offerRows()).toHaveLength(2);
    expect(screen.queryByText(/Your PCP, Dr. Dana Kim/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Video visit is fine')).toBeChecked();

    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    expect(screen.getByTestId('booking-reason')).toHaveValue('Fever 4 days, wants morning');
    expect(screen.getByTestId('booking-send-confirmation')).not.toBeChecked();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('booking-result');
    const [first, second] = bridge.invocationsOf('schedule.book');
    expect(second).toMatchObject({ reason: 'Fever 4 days, wants morning', sendConfirmation: false });
    // A new hold is a new attempt: a new key.
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it('when nothing fits the window, an agent sees the alternatives and why the later slot is disabled', async () => {
    renderScheduling({ scheduling: { search: noneInWindowResult() } });
    expect(await screen.findByTestId('none-in-window-message')).toHaveTextContent('No slot within 4 hours');
    expect(screen.getAllByTestId('alternative').map((a) => a.getAttribute('data-kind'))).toEqual([
      'urgent-care',
      'nurse-callback',
      'emergency-department',
      'first-after-window',
      'waitlist',
    ]);
    expect(screen.getByTestId('after-window-hold')).toBeDisabled();
    expect(screen.getByTestId('after-window-why')).toHaveTextContent('Only a nurse can book past');
  });

  it('opens the waitlist form from the waitlist alternative', async () => {
    const { user } = renderScheduling({ scheduling: { search: noneInWindowResult() } });
    await user.click(await screen.findByTestId('alternative-waitlist'));
    expect(screen.getByTestId('waitlist-add')).toBeInTheDocument();
  });

  it('lets a nurse book the first slot after the window with a reason of at least 10 characters', async () => {
    const { user, bridge } = renderScheduling({ user: nurseUser, scheduling: { search: noneInWindowResult() } });
    await screen.findByTestId('none-in-window');
    const hold = screen.getByTestId('after-window-hold');
    await user.click(screen.getByTestId('after-window-reason'));
    await user.paste('too short');
    expect(hold).toBeDisabled();
    await user.paste(' — caller cannot travel today');
    await user.click(hold);
    await screen.findByTestId('booking-form');
    expect(screen.getByTestId('booking-outside-window-reason')).toHaveValue('too short — caller cannot travel today');
    await user.click(screen.getByTestId('booking-book'));
    await screen.findByTestId('booking-result');
    expect(bridge.invocationsOf('schedule.book')[0]).toMatchObject({ outsideWindowReason: 'too short — caller cannot travel today' });
  });

  it('adds the caller to the waitlist with a range', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.click(screen.getByTestId('waitlist-open'));
    await user.click(screen.getByTestId('waitlist-add-submit'));
    expect(await screen.findByTestId('waitlist-added')).toHaveTextContent('position 1');
    const [request] = bridge.invocationsOf('waitlist.add');
    expect(request).toMatchObject({ patientId: 'pat-maria', visitTypeId: 'same-day-sick' });
    expect(request!.to - request!.from).toBeGreaterThan(13 * 86_400_000);
  });

  it('shows the booked appointment in the chart, pending while it waits in the outbox', async () => {
    const scheduling = fakeScheduling({ bookOutcomes: ['queued'] });
    const { user } = renderWithProviders(
      <>
        <WorkflowPane />
        <ChartPane />
      </>,
      { handlers: workstationHandlers(scheduling.handlers), session: { user: agentUser }, callSnapshot: sessionAtScheduling('agent') },
    );
    expect(await screen.findByTestId('chart-appointments')).toHaveTextContent('None booked.');
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    offerRows()[0]?.focus();
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('booking-result');
    const row = await screen.findByTestId('chart-appointment-row');
    expect(row).toHaveAttribute('data-pending', 'true');
    expect(row).toHaveTextContent('Same-day sick visit · Dr. Dana Kim · Main Street Clinic');
  });

  it('survives the call being put on hold: the held slot and the typed reason stay', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.keyboard('{Enter}');
    const reason = await screen.findByTestId('booking-reason');
    await user.clear(reason);
    await user.paste('Cough and fever');
    act(() => bridge.emit('call.updated', activeCall({ held: true })));
    expect(screen.getByTestId('scheduling-pane')).toBeInTheDocument();
    expect(screen.getByTestId('booking-reason')).toHaveValue('Cough and fever');
    act(() => bridge.emit('call.updated', activeCall({ held: false })));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('booking-result');
    expect(bridge.invocationsOf('schedule.book')[0]).toMatchObject({ reason: 'Cough and fever' });
  });

  it('goes back to the disposition with Alt+B, releasing a hold', async () => {
    const { user, bridge } = renderScheduling();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    await user.keyboard('{Alt>}b{/Alt}');
    expect(await screen.findByTestId('disposition-pane')).toBeInTheDocument();
    expect(bridge.invocationsOf('schedule.release')).toHaveLength(1);
  });
});

describe('opening scheduling from the disposition', () => {
  it('Alt+S opens it for the disposition in force, with the reason for the call as the reason for the visit', async () => {
    const { user, bridge } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: { user: agentUser },
      callSnapshot: sessionAtDisposition('agent'),
    });
    expect(screen.getByTestId('action-schedule')).toHaveTextContent('Schedule appointment');
    await user.keyboard('{Alt>}s{/Alt}');
    expect(await screen.findByTestId('scheduling-pane')).toBeInTheDocument();
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    expect(bridge.invocationsOf('schedule.visitTypes')[0]).toEqual({ dispositionId: 'home-care' });
    expect(bridge.invocationsOf('schedule.search')[0]).toMatchObject({ dispositionId: 'home-care', visitTypeId: 'same-day-sick' });
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('booking-reason')).toHaveValue('Fever since yesterday');
  });
});

describe('SchedulingPane when main cannot answer', () => {
  it('says the search failed and searches again on request, keeping the draft', async () => {
    let fail = true;
    const { user } = renderScheduling({
      handlers: {
        'schedule.search': () => (fail ? { ok: false, error: { code: 'ehr-unavailable', message: 'The EHR is not answering.' } } : fakeScheduling().handlers['schedule.search']!({ patientId: 'pat-maria', dispositionId: null, visitTypeId: 'same-day-sick' })),
      },
    });
    expect(await screen.findByTestId('scheduling-search-error')).toHaveTextContent('The EHR is not answering.');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    expect(screen.queryByTestId('scheduling-search-error')).not.toBeInTheDocument();
  });
});

describe('SchedulingPane for an appointment call', () => {
  it('books a routine visit without a disposition and goes on to the wrap-up, suggesting "scheduled"', async () => {
    const base = sessionAtScheduling('agent');
    const context = {
      ...base.context,
      outcome: null,
      interview: null,
      reason: { serviceLineId: 'family-medicine', callTypeId: 'appointment', callTypeLabel: 'Schedule an appointment', callTypeKind: 'scheduling' as const, reasonForCall: 'Annual physical', protocolId: null },
      scheduling: { ...base.context.scheduling!, dispositionId: null, reason: 'Annual physical' },
    };
    const { user, bridge } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: { user: agentUser },
      callSnapshot: callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'scheduling' }, context }),
    });
    await waitFor(() => expect(offerRows()).toHaveLength(3));
    expect(bridge.invocationsOf('schedule.visitTypes')[0]).toEqual({ dispositionId: null });
    expect(screen.getByTestId('scheduling-back')).toHaveTextContent('Go to wrap-up');
    await user.keyboard('{Enter}');
    await screen.findByTestId('booking-form');
    expect(screen.getByTestId('booking-reason')).toHaveValue('Annual physical');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('booking-result');
    expect(bridge.invocationsOf('schedule.book')[0]).toMatchObject({ dispositionId: null, reason: 'Annual physical' });
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('wrap-up')).toBeInTheDocument();
    expect(screen.getByTestId('wrap-up-code-scheduled').querySelector('input') ?? screen.getByTestId('wrap-up-code-scheduled')).toBeChecked();
    expect(screen.getByTestId('call-summary-booking')).toHaveTextContent('Same-day sick visit with Dr. Dana Kim (booked)');
  });
});
