import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, INVOKE_CHANNELS, type Result } from '../../src-preload/contract';
import { ContractRouter, type Handlers } from '../ipc/ContractRouter';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import { forwardEvents, isTrustedSender, registerIpc } from './ipcAdapter';

vi.mock('electron', () => ({}));

beforeEach(() => {
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
const mainFrame = (url = 'app://careline/index.html'): FakeFrame => ({ url, parent: null });
const eventFrom = (frame: FakeFrame | null) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;

describe('isTrustedSender', () => {
  it('trusts the main frame of our own page', () => {
    expect(isTrustedSender(eventFrom(mainFrame()))).toBe(true);
  });

  it('refuses a subframe, even one on our origin', () => {
    expect(isTrustedSender(eventFrom({ url: 'app://careline/index.html', parent: mainFrame() }))).toBe(false);
  });

  it('refuses a main frame that shows a foreign page', () => {
    expect(isTrustedSender(eventFrom(mainFrame('https://evil.example/')))).toBe(false);
    expect(isTrustedSender(eventFrom(mainFrame('file:///etc/passwd')))).toBe(false);
    expect(isTrustedSender(eventFrom(mainFrame('app://other/')))).toBe(false);
  });

  it('refuses an event without a frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(eventFrom(null))).toBe(false);
    expect(isTrustedSender({} as IpcMainInvokeEvent)).toBe(false);
  });
});

type InvokeListener = (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => Promise<Result<unknown>>;

function setup(handlerOverrides: Partial<Record<string, (...args: never[]) => unknown>> = {}) {
  const handlers = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, vi.fn(handlerOverrides[c] ?? (() => ({})))]));
  const logger = createMemoryLogger();
  const router = new ContractRouter(handlers as unknown as Handlers, logger);
  const routerSpy = vi.spyOn(router, 'handle');
  const handle = vi.fn<(channel: string, listener: InvokeListener) => void>();
  registerIpc({ handle } as unknown as Pick<IpcMain, 'handle'>, router, logger);
  expect(handle).toHaveBeenCalledTimes(1);
  expect(handle.mock.calls[0]![0]).toBe(ELECTRON_INVOKE_CHANNEL);
  const listener = handle.mock.calls[0]![1];
  return { handlers: handlers as Record<string, ReturnType<typeof vi.fn>>, logger, routerSpy, listener };
}

// Synthetic identifiers only: nothing here is a real person.
const NAME = 'Zyxwa Testpatient';
const DOB = '1931-07-19';

describe('registerIpc', () => {
  it('answers a forbidden sender with forbidden-sender and never reaches the router', async () => {
    const { listener, routerSpy, handlers } = setup();
    for (const frame of [mainFrame('https://evil.example/'), { url: 'app://careline/', parent: mainFrame() }, null]) {
      const result = await listener(eventFrom(frame), 'session.signIn', { userId: 'u-nurse' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(routerSpy).not.toHaveBeenCalled();
    expect(handlers['session.signIn']).not.toHaveBeenCalled();
  });

  it('passes a trusted request through the router and returns its result', async () => {
    const user = { id: 'u-nurse', displayName: 'Nurse Demo', role: 'nurse' };
    const { listener, routerSpy, handlers } = setup({ 'session.signIn': () => user });
    const result = await listener(eventFrom(mainFrame()), 'session.signIn', { userId: 'u-nurse' });
    expect(result).toEqual({ ok: true, value: user });
    expect(routerSpy).toHaveBeenCalledWith('session.signIn', { userId: 'u-nurse' }, { transport: 'electron' });
    expect(handlers['session.signIn']).toHaveBeenCalledWith({ userId: 'u-nurse' }, { transport: 'electron' });
  });

  it('refuses an unknown channel from a trusted sender', async () => {
    const { listener } = setup();
    await expect(listener(eventFrom(mainFrame()), 'fs.readFile', { path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });

  it('refuses a bad payload and never logs its values', async () => {
    const { listener, handlers, logger } = setup();
    const trusted = eventFrom(mainFrame());
    const attempts: [string, unknown][] = [
      ['session.signIn', { userId: 42 }],
      ['session.signIn', { userId: 'u-nurse', patientName: NAME, birthDate: DOB }],
      ['patient.search', { family: NAME, birthDate: '07/19/1931' }],
      ['patient.search', { family: NAME, birthDate: DOB, ssn: '078-05-1120' }],
      ['patient.chart', { patientId: `${NAME} ${DOB}` }],
    ];
    for (const [channel, payload] of attempts) {
      await expect(listener(trusted, channel, payload)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(handlers['session.signIn']).not.toHaveBeenCalled();
    expect(handlers['patient.search']).not.toHaveBeenCalled();
    expect(handlers['patient.chart']).not.toHaveBeenCalled();
    const all = logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThanOrEqual(attempts.length);
    for (const fragment of ['Zyxwa', 'Testpatient', '1931', '07/19', '078-05', '1120']) expect(all).not.toContain(fragment);
  });

  it('does not log what a forbidden sender sent or where it came from', async () => {
    const { listener, logger } = setup();
    await listener(eventFrom(mainFrame('https://evil.example/steal?who=Zyxwa')), 'patient.search', { family: NAME, birthDate: DOB });
    const all = logger.lines.join('\n');
    expect(all).toContain('ipc.forbidden-sender');
    for (const fragment of ['Zyxwa', '1931', 'evil.example']) expect(all).not.toContain(fragment);
  });
});

describe('forwardEvents', () => {
  function fakeContents(destroyed = false) {
    return { isDestroyed: vi.fn(() => destroyed), send: vi.fn() };
  }

  it('sends every hub event on the one event channel as (event, payload)', () => {
    const hub = new EventHub();
    const contents = fakeContents();
    forwardEvents(hub, () => contents as unknown as WebContents);
    hub.publish('outbox.changed', []);
    expect(contents.send).toHaveBeenCalledTimes(1);
    expect(contents.send).toHaveBeenCalledWith(ELECTRON_EVENT_CHANNEL, 'outbox.changed', []);
  });

  it('asks for the current window on every event (a re-created window gets events)', () => {
    const hub = new EventHub();
    const first = fakeContents();
    const second = fakeContents();
    let target = first;
    forwardEvents(hub, () => target as unknown as WebContents);
    hub.publish('outbox.changed', []);
    target = second;
    hub.publish('outbox.changed', []);
    expect(first.send).toHaveBeenCalledTimes(1);
    expect(second.send).toHaveBeenCalledTimes(1);
  });

  it('skips destroyed contents and a missing window without throwing', () => {
    const hub = new EventHub();
    const destroyed = fakeContents(true);
    let target: ReturnType<typeof fakeContents> | null = destroyed;
    forwardEvents(hub, () => target as unknown as WebContents | null);
    expect(() => hub.publish('outbox.changed', [])).not.toThrow();
    expect(destroyed.isDestroyed).toHaveBeenCalled();
    expect(destroyed.send).not.toHaveBeenCalled();
    target = null;
    expect(() => hub.publish('outbox.changed', [])).not.toThrow();
  });

  it('returns an unsubscribe that stops forwarding', () => {
    const hub = new EventHub();
    const contents = fakeContents();
    const stop = forwardEvents(hub, () => contents as unknown as WebContents);
    stop();
    hub.publish('outbox.changed', []);
    expect(contents.send).not.toHaveBeenCalled();
  });
});
