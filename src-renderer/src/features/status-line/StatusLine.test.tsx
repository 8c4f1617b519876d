import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import { demoEnv, outboxItem } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { StatusLine } from './StatusLine';

describe('StatusLine', () => {
  it('shows the EHR, telephony, mode and host', () => {
    renderWithProviders(<StatusLine />, { handlers: workstationHandlers(), session: {} });
    expect(screen.getByTestId('status-ehr')).toHaveAttribute('data-state', 'connected');
    expect(screen.getByTestId('status-ehr')).toHaveTextContent('Demo EHR (FHIR R4): connected');
    expect(screen.getByTestId('status-telephony')).toHaveTextContent('Demo phone line: ready');
    expect(screen.getByTestId('status-mode')).toHaveTextContent('Demo mode');
    expect(screen.getByTestId('status-host')).toHaveTextContent('Web host');
  });

  it("shows the agent's state", async () => {
    renderWithProviders(<StatusLine />, { handlers: workstationHandlers(), session: {} });
    await waitFor(() => expect(within(screen.getByTestId('status-line')).getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
  });

  it('shows an unreachable EHR with its message', () => {
    const down = { ...demoEnv, ehr: { ...demoEnv.ehr, state: 'unreachable' as const, message: 'Simulated outage' } };
    renderWithProviders(<StatusLine />, { handlers: workstationHandlers(), session: { env: down } });
    expect(screen.getByTestId('status-ehr')).toHaveAttribute('data-state', 'unreachable');
    expect(screen.getByTestId('status-ehr')).toHaveTextContent('unreachable — Simulated outage');
  });

  it('summarises the outbox, follows outbox.changed and retries an item', async () => {
    const failed = outboxItem({ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', state: 'failed', label: 'Encounter · Cough · 09:15' });
    const { bridge, user } = renderWithProviders(<StatusLine />, {
      handlers: workstationHandlers({
        'outbox.list': () => ok([outboxItem()]),
        'outbox.retry': ({ id }) => ok({ ...failed, id, state: 'pending' }),
      }),
      session: {},
    });
    const summary = screen.getByTestId('status-outbox');
    await waitFor(() => expect(summary).toHaveTextContent('Outbox: 1 pending · 0 failed'));

    act(() => bridge.emit('outbox.changed', [outboxItem(), failed]));
    expect(summary).toHaveTextContent('Outbox: 1 pending · 1 failed');

    await user.click(summary);
    const popover = await screen.findByTestId('outbox-popover');
    const rows = within(popover).getAllByTestId('outbox-item');
    expect(rows).toHaveLength(2);
    await user.click(within(rows[1]!).getByTestId('outbox-retry'));
    expect(bridge.invocationsOf('outbox.retry')).toEqual([{ id: failed.id }]);
  });
});
