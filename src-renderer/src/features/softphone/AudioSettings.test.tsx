import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import { createFakeBridge } from '../../bridge/fakeBridge';
import { renderWithProviders } from '../../test/renderWithProviders';
import { findSelectOption } from '../../test/selectOption';
import { AudioSettings } from './AudioSettings';
import { AUDIO_PREFERENCES_KEY } from './media/devices';
import { MediaEngineProvider } from './MediaEngineProvider';
import { createFakeMediaServices, type FakeMediaServices, HEADSET_DEVICES } from './testing/fakeMediaServices';

function renderSettings(services: FakeMediaServices = createFakeMediaServices()) {
  const bridge = createFakeBridge({ 'media.attach': () => ok({}), 'media.respond': () => ok({}) });
  const result = renderWithProviders(
    <MediaEngineProvider services={services}>
      <AudioSettings />
    </MediaEngineProvider>,
    { bridge, media: false },
  );
  return { ...result, services };
}

const stored = (services: FakeMediaServices) => JSON.parse(services.stored.get(AUDIO_PREFERENCES_KEY) ?? '{}') as Record<string, string>;

describe('AudioSettings', () => {
  it('labels the three device pickers and lists the devices', async () => {
    const { user } = renderSettings();
    const microphone = screen.getByRole('combobox', { name: 'Microphone' });
    expect(screen.getByRole('combobox', { name: 'Speaker' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Ringer' })).toBeInTheDocument();
    await user.click(microphone);
    expect(await findSelectOption(/Jabra Evolve2/)).toBeInTheDocument();
    expect(await findSelectOption(/System default \(Laptop microphone\)/)).toBeInTheDocument();
  });

  it('remembers a separate ringer and speaker for this workstation (ids only)', async () => {
    const { user, services } = renderSettings();
    await user.click(screen.getByRole('combobox', { name: 'Ringer' }));
    await user.click(await findSelectOption(/Desk speaker/));
    await user.click(screen.getByRole('combobox', { name: 'Speaker' }));
    await user.click(await findSelectOption(/^Jabra Evolve2$/));
    expect(stored(services)).toEqual({ microphoneId: 'default', speakerId: 'spk-jabra', ringerId: 'spk-desk' });
    expect(screen.getByRole('combobox', { name: 'Ringer' })).toHaveValue('Desk speaker');
  });

  it('chooses a microphone from the keyboard and switches the live call to it', async () => {
    const services = createFakeMediaServices();
    const { user, bridge } = renderSettings(services);
    act(() =>
      bridge.emit('media.request', {
        requestId: '9b2f6a1e-1c2d-4e3f-8a9b-0c1d2e3f4a5e',
        operation: { op: 'create-offer', callId: '6f1c1b2a-8d4e-4c1a-9a53-2f7a1d9e0b11', hold: false, iceRestart: false },
      }),
    );
    await waitFor(() => expect(bridge.invocationsOf('media.respond')).toHaveLength(1));

    screen.getByRole('combobox', { name: 'Microphone' }).focus();
    await user.keyboard('{ArrowDown}');
    await findSelectOption(/Jabra Evolve2/);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(stored(services).microphoneId).toBe('mic-jabra');
    await waitFor(() => expect(services.environment.tracks).toHaveLength(2));
    expect(services.environment.tracks[1]!.deviceId).toBe('mic-jabra');
    expect(services.environment.tracks[0]!.stopped).toBe(true);
  });

  it('plays the test tone on the chosen speaker and the test ring on the ringer', async () => {
    const services = createFakeMediaServices();
    services.stored.set(AUDIO_PREFERENCES_KEY, JSON.stringify({ microphoneId: 'default', speakerId: 'spk-jabra', ringerId: 'spk-desk' }));
    const { user } = renderSettings(services);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Speaker' })).toHaveValue('Jabra Evolve2'));
    await user.click(screen.getByRole('button', { name: 'Play test tone' }));
    await waitFor(() => expect(services.audioTools.elements[0]?.sinkId).toBe('spk-jabra'));
    expect(services.audioTools.contexts[0]!.oscillators.map((o) => o.frequency.value)).toEqual([440]);

    await user.click(screen.getByRole('button', { name: 'Play test ring' }));
    await waitFor(() => expect(services.audioTools.elements[1]?.sinkId).toBe('spk-desk'));
  });

  it('shows the live microphone level only while testing, and releases the microphone after', async () => {
    const { user, services } = renderSettings();
    const meter = screen.getByRole('progressbar', { name: 'Microphone level' });
    expect(meter).toHaveAttribute('aria-valuenow', '0');
    expect(services.audioTools.micTracks).toHaveLength(0);

    const test = screen.getByRole('button', { name: 'Test microphone' });
    expect(test).toHaveAttribute('aria-pressed', 'false');
    await user.click(test);
    await waitFor(() => expect(services.audioTools.micTracks).toHaveLength(1));
    services.audioTools.contexts[0]!.analysers[0]!.samples = new Float32Array(1024).fill(0.1);
    await waitFor(() => expect(meter).toHaveAttribute('aria-valuenow', '67'));

    await user.click(screen.getByRole('button', { name: 'Stop microphone test' }));
    expect(services.audioTools.micTracks[0]!.stopped).toBe(true);
    expect(meter).toHaveAttribute('aria-valuenow', '0');
  });

  it('says what to do when the microphone is denied', async () => {
    const services = createFakeMediaServices();
    services.audioTools.microphoneError = { name: 'NotAllowedError' };
    const { user } = renderSettings(services);
    await user.click(screen.getByRole('button', { name: 'Test microphone' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Microphone access was denied: allow the microphone for Careline');
  });

  it('says when the chosen headset is unplugged and the default is used', async () => {
    const services = createFakeMediaServices();
    services.stored.set(AUDIO_PREFERENCES_KEY, JSON.stringify({ microphoneId: 'mic-jabra', speakerId: 'default', ringerId: 'default' }));
    renderSettings(services);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Microphone' })).toHaveValue('Jabra Evolve2'));
    act(() => services.mediaDevices.plug(HEADSET_DEVICES.filter((d) => !d.deviceId.includes('jabra'))));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Microphone' })).toHaveValue('System default (Laptop microphone)'));
    expect(screen.getByText(/The chosen device is not connected: using the system default/)).toBeInTheDocument();
    expect(stored(services).microphoneId).toBe('mic-jabra');
  });
});
