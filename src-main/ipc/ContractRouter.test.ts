import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../src-preload/contract';
import { createMemoryLogger } from '../log/logger';
import { ContractFailure, ContractRouter, type Handlers } from './ContractRouter';

/** Every channel answered by a spy that fails loudly unless a test gives it a behaviour. */
function fakeHandlers(overrides: Partial<Record<keyof Handlers, (...args: never[]) => unknown>> = {}) {
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [channel, vi.fn(overrides[channel] ?? (() => Promise.reject(new Error(`unexpected call to ${channel}`))))]),
  );
  return handlers as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
}

const ctx = { transport: 'test' } as const;
const USER = { id: 'u-nurse', displayName: 'Nurse Demo', role: 'nurse' as const };

describe('ContractRouter', () => {
  it('returns { ok: true, value } with the handler result', async () => {
    const handlers = fakeHandlers({ 'session.signIn': () => USER });
    const router = new ContractRouter(handlers, createMemoryLogger());
    await expect(router.handle('session.signIn', { userId: 'u-nurse' }, ctx)).resolves.toEqual({ ok: true, value: USER });
    expect(handlers['session.signIn']).toHaveBeenCalledWith({ userId: 'u-nurse' }, ctx);
  });

  it('awaits async handlers', async () => {
    const handlers = fakeHandlers({ 'session.current': async () => null });
    const router = new ContractRouter(handlers, createMemoryLogger());
    await expect(router.handle('session.current', {}, ctx)).resolves.toEqual({ ok: true, value: null });
  });

  it('hands the handler the parsed request (schema transforms applied), not the raw payload', async () => {
    const handlers = fakeHandlers({ 'patient.search': () => [] });
    const router = new ContractRouter(handlers, createMemoryLogger());
    const result = await router.handle('patient.search', { family: '  Doe  ', given: ' Jane ', birthDate: '1980-02-03' }, ctx);
    expect(result).toEqual({ ok: true, value: [] });
    expect(handlers['patient.search']).toHaveBeenCalledWith({ family: 'Doe', given: 'Jane', birthDate: '1980-02-03' }, ctx);
  });

  it('turns a ContractFailure into its code and message', async () => {
    const handlers = fakeHandlers({
      'protocol.get': () => {
        throw new ContractFailure('not-found', 'No protocol "fever" is installed.');
      },
    });
    const logger = createMemoryLogger();
    const router = new ContractRouter(handlers, logger);
    await expect(router.handle('protocol.get', { id: 'fever' }, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No protocol "fever" is installed.' },
    });
    expect(logger.lines.some((l) => l.includes('"code":"not-found"'))).toBe(true);
  });

  it('turns a rejected promise with a ContractFailure into its code', async () => {
    const handlers = fakeHandlers({ 'outbox.list': () => Promise.reject(new ContractFailure('not-signed-in', 'Sign in first.')) });
    const router = new ContractRouter(handlers, createMemoryLogger());
    await expect(router.handle('outbox.list', {}, ctx)).resolves.toEqual({ ok: false, error: { code: 'not-signed-in', message: 'Sign in first.' } });
  });

  it('turns any other error into "internal" with a generic message that leaks nothing', async () => {
    const secret = 'SQLITE_ERROR near "Jane Doe" 1980-02-03 at /home/agent/.careline/cache.db';
    const handlers = fakeHandlers({
      'call.current': () => {
        throw new Error(secret);
      },
    });
    const logger = createMemoryLogger();
    const router = new ContractRouter(handlers, logger);
    const result = await router.handle('call.current', {}, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    for (const fragment of ['SQLITE', 'Jane', 'Doe', '1980', 'cache.db', '/home']) {
      expect(result.error.message).not.toContain(fragment);
      expect(logger.lines.join('\n')).not.toContain(fragment);
    }
  });

  it('turns a thrown non-Error into "internal" too', async () => {
    const handlers = fakeHandlers({
      'env.status': () => {
        throw 'Jane Doe';
      },
    });
    const logger = createMemoryLogger();
    const result = await new ContractRouter(handlers, logger).handle('env.status', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.lines.join('\n')).not.toContain('Jane');
  });

  it('refuses a channel outside the contract without calling any handler', async () => {
    const handlers = fakeHandlers();
    const logger = createMemoryLogger();
    const router = new ContractRouter(handlers, logger);
    for (const channel of ['session.impersonate', 'toString', '__proto__', 'constructor', 42, null, undefined, { toString: () => 'session.signIn' }]) {
      await expect(router.handle(channel, {}, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
    expect(logger.lines.join('\n')).not.toContain('impersonate');
  });

  it('refuses an invalid payload without calling the handler, naming fields but not values', async () => {
    const handlers = fakeHandlers();
    const logger = createMemoryLogger();
    const router = new ContractRouter(handlers, logger);
    const bad: unknown[] = [{ userId: 42 }, { userId: 'u-1', name: 'Jane Doe' }, {}, null, 'u-1', [], { userId: '' }];
    for (const payload of bad) {
      const result = await router.handle('session.signIn', payload, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(handlers['session.signIn']).not.toHaveBeenCalled();
    expect(logger.lines.join('\n')).not.toContain('Jane');
    expect(logger.lines.some((l) => l.includes('"fields":"userId"'))).toBe(true);
  });

  it('logs which fields were wrong, in a form the scrubber keeps', async () => {
    const logger = createMemoryLogger();
    const router = new ContractRouter(fakeHandlers(), logger);
    await router.handle('patient.search', { family: '', birthDate: 'Feb 3rd' }, ctx);
    await router.handle('session.current', { extra: 'Jane Doe' }, ctx);
    const fields = logger.lines.map((l) => (JSON.parse(l) as { fields?: string }).fields);
    expect(fields).toEqual(['family/birthDate', 'root']);
  });

  it('refuses extra keys on an empty request', async () => {
    const handlers = fakeHandlers();
    const router = new ContractRouter(handlers, createMemoryLogger());
    await expect(router.handle('session.current', { sneaky: true }, ctx)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(handlers['session.current']).not.toHaveBeenCalled();
  });

  it('logs success at debug level with the channel and a duration only', async () => {
    const handlers = fakeHandlers({ 'session.signIn': () => USER });
    const logger = createMemoryLogger();
    await new ContractRouter(handlers, logger).handle('session.signIn', { userId: 'u-nurse' }, ctx);
    expect(logger.lines).toHaveLength(1);
    const line = JSON.parse(logger.lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'debug', event: 'ipc.ok', channel: 'session.signIn' });
    expect(typeof line.ms).toBe('number');
    expect(logger.lines[0]).not.toContain('Nurse Demo');
  });
});
