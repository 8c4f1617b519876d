import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import { agentState } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { AgentStateMenu } from './AgentStateMenu';
import { formatCountdown } from './agentStateLabels';

describe('AgentStateMenu', () => {
  it('reads the state at mount and shows it with the time in state', async () => {
    const since = Date.now() - 75_000;
    const { bridge } = renderWithProviders(<AgentStateMenu />, {
      handlers: workstationHandlers({ 'agent.state': () => ok(agentState({ since })) }),
      session: {},
    });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
    expect(screen.getByTestId('agent-state')).toHaveTextContent('Available');
    expect(screen.getByTestId('agent-state-clock')).toHaveTextContent(/^01:1[5-6]$/);
    expect(bridge.invocationsOf('agent.state')).toHaveLength(1);
  });

  it('follows the agent.state event', async () => {
    const { bridge } = renderWithProviders(<AgentStateMenu />, { handlers: workstationHandlers(), session: {} });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
    act(() => bridge.emit('agent.state', agentState({ state: 'on-call', pending: { state: 'away', awayReason: 'Lunch' } })));
    expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'on-call');
    expect(screen.getByTestId('agent-state')).toHaveTextContent('On a call · then Away (Lunch)');
    act(() => bridge.emit('agent.state', agentState({ state: 'away', awayReason: 'Lunch' })));
    expect(screen.getByTestId('agent-state')).toHaveTextContent('Away · Lunch');
  });

  it('chooses Away with one of the configured reasons, and Do not disturb', async () => {
    const { bridge, user } = renderWithProviders(<AgentStateMenu />, { handlers: workstationHandlers(), session: {} });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
    await user.click(screen.getByTestId('agent-state'));
    const reasons = await screen.findAllByTestId('agent-choose-away');
    expect(reasons.map((r) => r.textContent)).toEqual(['Break', 'Lunch', 'Meeting']);
    expect(screen.getByTestId('agent-choose-available')).toBeDisabled();
    await user.click(reasons[1]!);
    expect(bridge.invocationsOf('agent.setState')).toEqual([{ state: 'away', awayReason: 'Lunch' }]);
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveTextContent('Away · Lunch'));

    await user.click(screen.getByTestId('agent-state'));
    await user.click(await screen.findByTestId('agent-choose-dnd'));
    expect(bridge.invocationsOf('agent.setState').at(-1)).toEqual({ state: 'do-not-disturb' });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'do-not-disturb'));
  });

  it('during after-call work shows the countdown and a Ready button; Ready and Alt+R make the agent available', async () => {
    const endsAt = Date.now() + 42_000;
    const acw = agentState({ state: 'after-call-work', afterCallWorkEndsAt: endsAt });
    const { bridge, user } = renderWithProviders(<AgentStateMenu />, {
      handlers: workstationHandlers({ 'agent.state': () => ok(acw) }),
      session: {},
    });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'after-call-work'));
    expect(screen.getByTestId('agent-state')).toHaveTextContent(/After-call work\s*0:4[12]/);
    const ready = screen.getByTestId('agent-ready');
    expect(ready).toHaveAttribute('aria-keyshortcuts', 'Alt+R');
    await user.click(ready);
    expect(bridge.invocationsOf('agent.setState')).toEqual([{ state: 'available' }]);
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
    expect(screen.queryByTestId('agent-ready')).toBeNull();

    act(() => bridge.emit('agent.state', acw));
    await user.keyboard('{Alt>}r{/Alt}');
    await waitFor(() => expect(bridge.invocationsOf('agent.setState')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
  });

  it('Alt+R does nothing when Ready does not apply (available, or on a call with nothing pending)', async () => {
    const { bridge, user } = renderWithProviders(<AgentStateMenu />, { handlers: workstationHandlers(), session: {} });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));
    await user.keyboard('{Alt>}r{/Alt}');
    act(() => bridge.emit('agent.state', agentState({ state: 'on-call' })));
    await user.keyboard('{Alt>}r{/Alt}');
    expect(bridge.invocationsOf('agent.setState')).toEqual([]);
  });

  it('during a call offers the choices for after the call', async () => {
    const { user } = renderWithProviders(<AgentStateMenu />, {
      handlers: workstationHandlers({ 'agent.state': () => ok(agentState({ state: 'on-call', pending: { state: 'do-not-disturb', awayReason: null } })) }),
      session: {},
    });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'on-call'));
    await user.click(screen.getByTestId('agent-state'));
    expect(await screen.findByTestId('agent-choose-available')).toHaveTextContent('Available after this call');
    expect(screen.getByTestId('agent-choose-available')).toBeEnabled();
    expect(screen.getByTestId('agent-choose-dnd')).toHaveTextContent('Do not disturb after this call');
    expect(screen.getByTestId('agent-choose-dnd')).toBeDisabled();
    expect(screen.getByText('Away after this call')).toBeInTheDocument();
  });

  it("shows main's refusal in its words", async () => {
    const { user } = renderWithProviders(<AgentStateMenu />, {
      handlers: workstationHandlers({
        'agent.state': () => ok(agentState({ state: 'away', awayReason: 'Break' })),
        'agent.setState': () => ({ ok: false, error: { code: 'conflict', message: 'You are on a call: you can be available once it has ended.' } }),
      }),
      session: {},
    });
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'away'));
    await user.click(screen.getByTestId('agent-state'));
    await user.click(await screen.findByTestId('agent-choose-available'));
    expect(await screen.findByTestId('agent-state-error')).toHaveTextContent('You are on a call');
    expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'away');
  });

  it('says so when the state cannot be read', async () => {
    renderWithProviders(<AgentStateMenu />, {
      handlers: workstationHandlers({ 'agent.state': () => ({ ok: false, error: { code: 'not-signed-in', message: 'Please sign in first.' } }) }),
      session: {},
    });
    expect(await screen.findByText(/Agent state unavailable: Please sign in first/)).toBeInTheDocument();
  });
});

describe('formatCountdown', () => {
  it.each([
    [42_000, '0:42'],
    [41_001, '0:42'],
    [60_000, '1:00'],
    [725_000, '12:05'],
    [0, '0:00'],
    [-5_000, '0:00'],
  ])('%i ms -> %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
