import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import { configuredEnv, ringingCall } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { DemoLine, ringRequest } from './DemoLine';

describe('DemoLine', () => {
  it('rings a chosen synthetic caller on a chosen line with an IVR choice, labeled as a simulation', async () => {
    const { bridge, user } = renderWithProviders(<DemoLine />, {
      handlers: workstationHandlers({ 'demoLine.ring': () => ok(ringingCall()), 'demoEhr.setOutage': () => ok({}) }),
      session: {},
    });
    await user.keyboard('{Alt>}d{/Alt}');
    expect(await screen.findByText('SIMULATION — demo phone line')).toBeInTheDocument();

    await user.selectOptions(await screen.findByTestId('demo-caller-select'), '+15555550199');
    await user.selectOptions(screen.getByTestId('demo-line-select'), '+15555550101');
    await user.selectOptions(screen.getByTestId('demo-ivr-select'), '2');
    await user.click(screen.getByTestId('demo-ring'));
    expect(bridge.invocationsOf('demoLine.ring')).toEqual([{ callerPhone: '+15555550199', dnis: '+15555550101', ivrDigit: '2' }]);
    expect(await screen.findByTestId('demo-ring-result')).toHaveTextContent('Ringing from (555) 555-0123');

    await user.click(screen.getByTestId('demo-ehr-outage'));
    expect(bridge.invocationsOf('demoEhr.setOutage')).toEqual([{ outage: true }]);
  });

  it('is absent outside demo mode', () => {
    renderWithProviders(<DemoLine />, { handlers: workstationHandlers(), session: { env: configuredEnv } });
    expect(screen.queryByTestId('demo-line-open')).not.toBeInTheDocument();
  });

  it('leaves out what was not chosen (random caller, no IVR)', () => {
    expect(ringRequest('', '+15555550100', '')).toEqual({ dnis: '+15555550100' });
  });
});
