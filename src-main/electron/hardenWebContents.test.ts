import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenWebContents, limitPermissionsToMedia } from './hardenWebContents';

// The module under test imports only types from electron; the mock makes sure nothing reaches the real one.
vi.mock('electron', () => ({}));

beforeEach(() => {
  // Packaged-app conditions: no dev server is trusted.
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

interface FakeEvent {
  preventDefault(): void;
  readonly prevented: boolean;
}
function fakeEvent(): FakeEvent {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

function fakeContents() {
  const emitter = new EventEmitter();
  const setWindowOpenHandler = vi.fn<(handler: OpenHandler) => void>();
  const contents = Object.assign(emitter, { setWindowOpenHandler });
  hardenWebContents(contents as unknown as WebContents);
  const openHandler = (): OpenHandler => {
    expect(setWindowOpenHandler).toHaveBeenCalledTimes(1);
    return setWindowOpenHandler.mock.calls[0]![0];
  };
  const emit = (name: string, url: string): boolean => {
    const event = fakeEvent();
    emitter.emit(name, event, url);
    return event.prevented;
  };
  return { emitter, openHandler, emit };
}

describe('hardenWebContents', () => {
  it('denies window.open for every URL, ours included', () => {
    const { openHandler } = fakeContents();
    for (const url of ['https://evil.example/', 'app://careline/index.html', 'about:blank', 'file:///etc/passwd', '']) {
      expect(openHandler()({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s to a foreign place is prevented', (name) => {
    const { emit } = fakeContents();
    expect(emit(name, 'https://evil.example/')).toBe(true);
    expect(emit(name, 'file:///etc/passwd')).toBe(true);
    expect(emit(name, 'app://other/index.html')).toBe(true);
    expect(emit(name, 'http://localhost:5173/')).toBe(true);
    expect(emit(name, 'javascript:alert(1)')).toBe(true);
    expect(emit(name, 'not a url')).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect'])('%s within app://careline is allowed', (name) => {
    const { emit } = fakeContents();
    expect(emit(name, 'app://careline/index.html')).toBe(false);
    expect(emit(name, 'app://careline/#/call')).toBe(false);
  });

  it('allows the dev server only while ELECTRON_RENDERER_URL names it', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    const { emit } = fakeContents();
    expect(emit('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(emit('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('still blocks foreign navigation when ELECTRON_RENDERER_URL is malformed', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '::not a url::');
    const { emit } = fakeContents();
    expect(emit('will-navigate', 'https://evil.example/')).toBe(true);
  });

  it('prevents every webview from attaching', () => {
    const { emitter } = fakeContents();
    const event = fakeEvent();
    emitter.emit('will-attach-webview', event, { preload: '/tmp/x.js' }, { src: 'app://careline/index.html' });
    expect(event.prevented).toBe(true);
  });
});

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type CheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: Record<string, unknown>) => boolean;

function fakeSession() {
  let request: RequestHandler | undefined;
  let check: CheckHandler | undefined;
  const session = {
    setPermissionRequestHandler: vi.fn((handler: RequestHandler) => {
      request = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: CheckHandler) => {
      check = handler;
    }),
  };
  limitPermissionsToMedia(session as unknown as Session);
  expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
  expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
  const ask = (permission: string, details: Record<string, unknown>): boolean => {
    const callback = vi.fn<(granted: boolean) => void>();
    request!(null, permission, callback, details);
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]![0];
  };
  const probe = (permission: string, origin: string, details: Record<string, unknown> = {}): boolean =>
    check!(null, permission, origin, { isMainFrame: true, ...details });
  return { ask, probe };
}

const OURS = 'app://careline/index.html';

describe('limitPermissionsToMedia: permission requests', () => {
  it('grants the microphone to our page', () => {
    const { ask } = fakeSession();
    expect(ask('media', { requestingUrl: OURS, isMainFrame: true, mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses the camera, alone or with the microphone', () => {
    const { ask } = fakeSession();
    expect(ask('media', { requestingUrl: OURS, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', { requestingUrl: OURS, isMainFrame: true, mediaTypes: ['audio', 'video'] })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'midiSysex', 'pointerLock', 'fullscreen', 'hid', 'serial', 'usb'])(
    'refuses %s even to our page',
    (permission) => {
      const { ask } = fakeSession();
      expect(ask(permission, { requestingUrl: OURS, isMainFrame: true })).toBe(false);
    },
  );

  it('lets our page choose the speaker and ringer outputs (setSinkId), and no one else', () => {
    const { ask, probe } = fakeSession();
    expect(ask('speaker-selection', { requestingUrl: OURS, isMainFrame: true })).toBe(true);
    expect(ask('speaker-selection', { requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(probe('speaker-selection', 'app://careline')).toBe(true);
    expect(probe('speaker-selection', 'https://evil.example')).toBe(false);
  });

  it('refuses media to a foreign origin', () => {
    const { ask } = fakeSession();
    for (const requestingUrl of ['https://evil.example/', 'app://other/index.html', 'http://localhost:5173/', 'file:///tmp/x.html', '']) {
      expect(ask('media', { requestingUrl, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    }
  });
});

describe('limitPermissionsToMedia: permission checks', () => {
  it('answers yes only for media from our origin', () => {
    const { probe } = fakeSession();
    expect(probe('media', 'app://careline', { mediaType: 'audio' })).toBe(true);
    expect(probe('media', 'app://careline/', { mediaType: 'audio' })).toBe(true);
    expect(probe('media', 'app://careline', { mediaType: 'unknown' })).toBe(true);
  });

  it('answers no for the camera', () => {
    const { probe } = fakeSession();
    expect(probe('media', 'app://careline', { mediaType: 'video' })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'openExternal', 'clipboard-read', 'background-sync', 'serial', 'usb', 'hid'])('answers no for %s', (permission) => {
    const { probe } = fakeSession();
    expect(probe(permission, 'app://careline')).toBe(false);
  });

  it('answers no for media from a foreign origin or an empty one', () => {
    const { probe } = fakeSession();
    for (const origin of ['https://evil.example', 'app://other', 'http://localhost:5173', 'null', '']) {
      expect(probe('media', origin, { mediaType: 'audio' })).toBe(false);
    }
  });
});
