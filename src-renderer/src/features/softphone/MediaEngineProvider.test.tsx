import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../bridge';
import { createFakeBridge } from '../../bridge/fakeBridge';
import { activeCall, CALL_ID, OTHER_CALL_ID, ringingCall } from '../../test/fixtures';
import { renderWithProviders } from '../../test/renderWithProviders';
import { AUDIO_PREFERENCES_KEY } from './media/devices';
import { MediaEngineProvider } from './MediaEngineProvider';
import { createFakeMediaServices, type FakeMediaServices } from './testing/fakeMediaServices';
import { CallQualityBadge } from './CallQualityBadge';
import { useCallQuality, useMediaEngine } from './useMediaEngine';

afterEach(() => {
  vi.useRealTimers();
});

function mediaBridge() {
  return createFakeBridge({ 'media.attach': () => ok({}), 'media.respond': () => ok({}), 'media.quality': () => ok({}) });
}

/** A stand-in for the call bar: shows what useMediaEngine exposes. */
function Probe() {
  const media = useMediaEngine();
  return (
    <div>
      <span data-testid="attach">{media.attach}</span>
      <span data-testid="available">{String(media.available)}</span>
      <span data-testid="calls">{media.calls.map((c) => `${c.callId}:${c.held ? 'held' : 'live'}`).join(',')}</span>
      <button type="button" onClick={media.toggleMute}>
        {media.muted ? 'Unmute' : 'Mute'}
      </button>
    </div>
  );
}

function renderProvider(services: FakeMediaServices | (FakeMediaServices & { environment: null }), bridge = mediaBridge()) {
  return renderWithProviders(
    <MediaEngineProvider services={services}>
      <Probe />
    </MediaEngineProvider>,
    { bridge, media: false },
  );
}

describe('MediaEngineProvider', () => {
  it('attaches the engine to main and answers its media requests', async () => {
    const services = createFakeMediaServices();
    const { bridge } = renderProvider(services);
    await waitFor(() => expect(screen.getByTestId('attach')).toHaveTextContent('attached'));
    expect(bridge.invocationsOf('media.attach')).toEqual([{ engine: 'webrtc', userAgent: 'Mozilla/5.0 (fake) Careline-test' }]);

    act(() =>
      bridge.emit('media.request', {
        requestId: '9b2f6a1e-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
        operation: { op: 'create-offer', callId: CALL_ID, hold: false, iceRestart: false },
      }),
    );
    await waitFor(() => expect(bridge.invocationsOf('media.respond')).toHaveLength(1));
    expect(bridge.invocationsOf('media.respond')[0]!.result).toMatchObject({ ok: true, sdp: expect.stringContaining('m=audio') });
    expect(screen.getByTestId('calls')).toHaveTextContent(`${CALL_ID}:live`);
  });

  it('exposes mute to the call bar and applies it to the call audio', async () => {
    const services = createFakeMediaServices();
    const { bridge, user } = renderProvider(services);
    act(() =>
      bridge.emit('media.request', {
        requestId: '9b2f6a1e-1c2d-4e3f-8a9b-0c1d2e3f4a5c',
        operation: { op: 'create-offer', callId: CALL_ID, hold: false, iceRestart: false },
      }),
    );
    await waitFor(() => expect(bridge.invocationsOf('media.respond')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Mute' }));
    expect(screen.getByRole('button', { name: 'Unmute' })).toBeInTheDocument();
    expect(services.environment.tracks[0]!.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Unmute' }));
    expect(services.environment.tracks[0]!.enabled).toBe(true);
  });

  it('rings on the ringer device while an inbound call rings, and stops when none rings', async () => {
    const services = createFakeMediaServices();
    services.stored.set(AUDIO_PREFERENCES_KEY, JSON.stringify({ microphoneId: 'default', speakerId: 'spk-jabra', ringerId: 'spk-desk' }));
    const { bridge } = renderProvider(services);
    await waitFor(() => expect(screen.getByTestId('attach')).toHaveTextContent('attached'));

    act(() => bridge.emit('call.incoming', ringingCall({ callId: CALL_ID })));
    await waitFor(() => expect(services.audioTools.elements).toHaveLength(1));
    const ring = services.audioTools.elements[0]!;
    await waitFor(() => expect(ring.sinkId).toBe('spk-desk'));
    expect(ring.playing).toBe(true);

    // A second call rings too; answering the first keeps the ring for the second.
    act(() => bridge.emit('call.incoming', ringingCall({ callId: OTHER_CALL_ID })));
    act(() => bridge.emit('call.updated', activeCall({ callId: CALL_ID })));
    expect(ring.playing).toBe(true);
    act(() => bridge.emit('call.updated', activeCall({ callId: OTHER_CALL_ID })));
    expect(ring.playing).toBe(false);
    expect(services.audioTools.contexts[0]!.closed).toBe(true);
  });

  it('does not ring for an outbound call being dialled', async () => {
    const services = createFakeMediaServices();
    const { bridge } = renderProvider(services);
    act(() => bridge.emit('call.updated', ringingCall({ callId: CALL_ID, direction: 'outbound' })));
    await Promise.resolve();
    expect(services.audioTools.elements).toHaveLength(0);
  });

  it('stays out of the way where WebRTC is missing', async () => {
    const services = { ...createFakeMediaServices(), environment: null };
    const bridge = mediaBridge();
    renderWithProviders(
      <MediaEngineProvider services={services}>
        <Probe />
      </MediaEngineProvider>,
      { bridge, media: false },
    );
    expect(screen.getByTestId('available')).toHaveTextContent('false');
    expect(screen.getByTestId('attach')).toHaveTextContent('unavailable');
    await Promise.resolve();
    expect(bridge.invocationsOf('media.attach')).toHaveLength(0);
  });

  it('closes call media when it unmounts (the window is closing)', async () => {
    const services = createFakeMediaServices();
    const { bridge, unmount } = renderProvider(services);
    act(() =>
      bridge.emit('media.request', {
        requestId: '9b2f6a1e-1c2d-4e3f-8a9b-0c1d2e3f4a5d',
        operation: { op: 'create-offer', callId: CALL_ID, hold: false, iceRestart: false },
      }),
    );
    await waitFor(() => expect(bridge.invocationsOf('media.respond')).toHaveLength(1));
    unmount();
    expect(services.environment.peers[0]!.closed).toBe(true);
    expect(bridge.listenerCount('media.request')).toBe(0);
  });

  it('measures call quality every 5 s and shows it through useCallQuality', async () => {
    // Only the interval is faked; vi.waitFor polls with the real timers (Testing Library's waitFor would not).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    function QualityProbe() {
      return <CallQualityBadge quality={useCallQuality(CALL_ID)} />;
    }
    const services = createFakeMediaServices();
    const bridge = mediaBridge();
    renderWithProviders(
      <MediaEngineProvider services={services}>
        <QualityProbe />
      </MediaEngineProvider>,
      { bridge, media: false },
    );
    act(() =>
      bridge.emit('media.request', {
        requestId: '9b2f6a1e-1c2d-4e3f-8a9b-0c1d2e3f4a5f',
        operation: { op: 'create-offer', callId: CALL_ID, hold: false, iceRestart: false },
      }),
    );
    await vi.waitFor(() => expect(bridge.invocationsOf('media.respond')).toHaveLength(1));
    const peer = services.environment.peers[0]!;
    peer.stats = new Map<string, unknown>([
      ['IT', { type: 'inbound-rtp', kind: 'audio', jitter: 0.002, packetsReceived: 250, packetsLost: 0 }],
      ['RI', { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.02, fractionLost: 0 }],
    ]);
    act(() => peer.connect());
    expect(screen.getByTestId('call-quality')).toHaveTextContent('Measuring');

    await act(async () => {
      vi.advanceTimersByTime(5_000);
    });
    await vi.waitFor(() => expect(screen.getByTestId('call-quality')).toHaveTextContent('Audio: Good'));
    expect(bridge.invocationsOf('media.quality')).toHaveLength(1);

    // The call's media closes: its quality goes with it.
    act(() =>
      bridge.emit('media.request', { requestId: '9b2f6a1e-1c2d-4e3f-8a9b-0c1d2e3f4a60', operation: { op: 'close', callId: CALL_ID } }),
    );
    await vi.waitFor(() => expect(screen.getByTestId('call-quality')).toHaveTextContent('Measuring'));
  });

  it('tells a developer who forgot the provider', () => {
    // React reports the thrown error on the console as well; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderWithProviders(<Probe />, { media: false })).toThrow('useMediaEngine() needs a <MediaEngineProvider> above it');
    vi.restoreAllMocks();
  });
});
