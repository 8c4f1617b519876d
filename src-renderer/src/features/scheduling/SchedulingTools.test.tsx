import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Workstation } from '../../app/Workstation';
import { agentUser, supervisorUser } from '../../test/fixtures';
import { sessionAtDisposition } from '../../test/callSessions';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { findSelectOption } from '../../test/selectOption';
import { SCHED_NOW, fakeScheduling, offer, searchResult, waitlistEntry } from '../../test/schedulingFixtures';
import { MassRescheduleView, massRequest, notifyListCsv } from './MassRescheduleView';
import { WaitlistView } from './WaitlistView';

const second = waitlistEntry({ id: '2d2c3b4a-5f6e-4a7b-8c9d-0e1f2a3b4c5d', patientId: 'pat-maria', patientName: 'Maria Lopez', position: 2 });

describe('WaitlistView', () => {
  it('lists the entries in order with their range and state, and follows waitlist.changed', async () => {
    const { bridge } = renderWithProviders(<WaitlistView />, {
      handlers: workstationHandlers(fakeScheduling({ waitlist: [second, waitlistEntry()] }).handlers),
    });
    await waitFor(() => expect(screen.getAllByTestId('waitlist-row')).toHaveLength(2));
    const rows = screen.getAllByTestId('waitlist-row');
    expect(rows[0]).toHaveTextContent('Jane Doe');
    expect(rows[0]).toHaveTextContent('Follow-up visit');
    expect(rows[0]).toHaveTextContent('Mar 4 – Mar 14');
    expect(rows[1]).toHaveTextContent('Maria Lopez');

    // Main offers a freed slot to the first patient: the slot and its hold countdown appear.
    const freed = { holdId: '00000000-aaaa-4bbb-8ccc-000000000009', offer: offer({ id: 'freed', providerId: 'pr-kim', locationId: 'loc-main', startOffsetMinutes: 60, reasons: ['Freed slot'] }, 1), expiresAt: Date.now() + 10 * 60_000 };
    act(() => bridge.emit('waitlist.changed', [{ ...waitlistEntry(), state: 'offered', offer: freed }, second]));
    expect(screen.getAllByTestId('waitlist-row')[0]).toHaveAttribute('data-state', 'offered');
    expect(screen.getByTestId('waitlist-hold')).toHaveTextContent(/Held (9|10):\d\d/);
    expect(screen.getAllByTestId('waitlist-row')[0]).toHaveTextContent('Dr. Dana Kim');
  });

  it('removes an entry', async () => {
    const { user, bridge } = renderWithProviders(<WaitlistView />, {
      handlers: workstationHandlers(fakeScheduling({ waitlist: [waitlistEntry(), second] }).handlers),
    });
    await waitFor(() => expect(screen.getAllByTestId('waitlist-row')).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Remove Jane Doe from the waitlist' }));
    await waitFor(() => expect(screen.getAllByTestId('waitlist-row')).toHaveLength(1));
    expect(screen.getByTestId('waitlist-row')).toHaveTextContent('Maria Lopez');
    expect(bridge.invocationsOf('waitlist.remove')).toEqual([{ id: waitlistEntry().id }]);
  });
});

describe('MassRescheduleView', () => {
  it('plans for a provider and lists proposals, the ones without a slot, and who to notify', async () => {
    const { user, bridge } = renderWithProviders(<MassRescheduleView today={SCHED_NOW} />, { handlers: workstationHandlers() });
    expect(screen.getByTestId('mass-plan')).toBeDisabled();
    expect(screen.getByTestId('mass-missing')).toHaveTextContent('Choose the provider.');
    await user.click(screen.getByTestId('mass-subject'));
    await user.click(await findSelectOption(/Dr. Kofi Osei/));
    await user.type(screen.getByTestId('mass-reason'), 'Provider out sick');
    await user.click(screen.getByTestId('mass-plan'));

    const rows = await screen.findAllByTestId('mass-plan-row');
    expect(rows).toHaveLength(2);
    // Urgent with nothing inside its window: flagged for a call, listed first, with the latest time it could move to.
    expect(screen.getByTestId('mass-call-count')).toHaveTextContent('1 to call (1 urgent)');
    expect(rows[0]).toHaveTextContent('No slot found: call the patient');
    expect(rows[0]).toHaveAttribute('data-urgent', 'true');
    expect(within(rows[0]!).getByTestId('mass-call')).toHaveTextContent('Call the patient');
    expect(within(rows[0]!).getByTestId('mass-latest')).toHaveTextContent(/^Not later than .*: the window of the disposition it was booked for$/);
    expect(rows[1]).toHaveAttribute('data-has-proposal', 'true');
    expect(rows[1]).toHaveTextContent('Spanish-speaking provider');
    expect(within(rows[1]!).queryByTestId('mass-urgent')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('mass-notify-row')[1]).toHaveTextContent('Jane Doe: We will call you to find a new time.');
    const [request] = bridge.invocationsOf('schedule.massReschedulePlan');
    expect(request).toMatchObject({ scope: { kind: 'provider', providerId: 'pr-osei' }, reason: 'Provider out sick' });
    expect(request!.to - request!.from).toBe(86_400_000 - 1);
    // The days themselves go to main, which reads them in each clinic's zone.
    expect(request!.days).toEqual({ first: '2030-03-04', last: '2030-03-04' });

    await user.click(screen.getByTestId('mass-copy'));
    expect(await screen.findByTestId('mass-copied')).toBeInTheDocument();
    await expect(navigator.clipboard.readText()).resolves.toBe(
      'Maria Lopez\tYour visit moves to Monday 10:50 AM (video) with Dr. Kofi Osei.\nJane Doe\tWe will call you to find a new time.',
    );
  });

  it('builds a valid request only when everything is there, and a CSV that survives quotes', () => {
    expect(massRequest('location', null, '2030-03-04', '2030-03-05', 'Snow')).toBe('Choose the location.');
    expect(massRequest('location', 'loc-main', '2030-03-05', '2030-03-04', 'Snow')).toBe('The last day must not be before the first.');
    expect(massRequest('location', 'loc-main', '2030-03-04', '2030-03-04', 'x')).toMatch(/reason/);
    expect(massRequest('location', 'loc-main', '2030-03-04', '2030-03-05', ' Snowstorm ')).toMatchObject({ scope: { kind: 'location', locationId: 'loc-main' }, reason: 'Snowstorm' });
    const csv = notifyListCsv({ affected: [], notify: [{ patientId: 'p1', patientName: 'Ann "Nan" Lee', message: 'Moved, see you' }] });
    expect(csv.split('\r\n')[1]).toBe('"p1","Ann ""Nan"" Lee","Moved, see you"');
  });
});

describe('scheduling tools in the shell', () => {
  it('opens the waitlist for an agent; mass reschedule is for supervisors only', async () => {
    const agent = renderWithProviders(<Workstation />, { handlers: workstationHandlers(), session: { user: agentUser } });
    await agent.user.click(screen.getByTestId('signed-in-user'));
    expect(await screen.findByTestId('open-waitlist')).toBeInTheDocument();
    expect(screen.queryByTestId('open-mass-reschedule')).not.toBeInTheDocument();
    await agent.user.click(screen.getByTestId('open-waitlist'));
    expect(await screen.findByTestId('waitlist-view')).toBeInTheDocument();
    agent.unmount();

    const supervisor = renderWithProviders(<Workstation />, { handlers: workstationHandlers(), session: { user: supervisorUser } });
    await supervisor.user.click(screen.getByTestId('signed-in-user'));
    await supervisor.user.click(await screen.findByTestId('open-mass-reschedule'));
    expect(await screen.findByTestId('mass-reschedule')).toBeInTheDocument();
  });
});

describe('scheduling tools over a call in progress', () => {
  it('Ctrl+Enter inside the waitlist does not document the call behind it', async () => {
    const { user, bridge } = renderWithProviders(<Workstation />, {
      handlers: workstationHandlers(),
      session: { user: agentUser },
      callSnapshot: sessionAtDisposition('agent'),
    });
    expect(screen.getByTestId('disposition-pane')).toBeInTheDocument();
    await user.click(screen.getByTestId('signed-in-user'));
    await user.click(await screen.findByTestId('open-waitlist'));
    await screen.findByTestId('waitlist-view');
    await screen.findByTestId('waitlist-empty');
    const inside = screen.getByRole('heading', { name: 'Waitlist' });
    inside.setAttribute('tabindex', '-1');
    inside.focus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.invocationsOf('encounter.document')).toEqual([]);
    // Outside the tool the same chord still documents.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('waitlist-view')).not.toBeInTheDocument());
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.invocationsOf('encounter.document')).toHaveLength(1);
  });
});

// Keeps the fixture honest: the offers a search answers are ranked 1..n.
it('fixture offers are ranked in order', () => {
  expect(searchResult().offers.map((o) => o.rank)).toEqual([1, 2, 3]);
});
