import { createMemoryLogger } from '../../src-main/log/logger';
import { PlainRtpEngine } from '../../src-main/telephony/media/PlainRtpEngine';
import { SipSoftphone, type SipSoftphoneOptions } from '../../src-main/telephony/sip/SipSoftphone';
import type { IncomingCall, TelephonyEvent } from '../../src-main/telephony/TelephonyPort';
import type { SipLab } from './sipLab';

/**
 * A Careline softphone (the real SipSoftphone) with plain-RTP media, registered on the SIP lab as `user`.
 * Collects its events so tests can wait for them.
 */
export interface LabPhone {
  readonly user: string;
  readonly phone: SipSoftphone;
  readonly media: PlainRtpEngine;
  readonly events: TelephonyEvent[];
  readonly logLines: string[];
  /** Resolves with the first event (already seen or future) that matches; rejects after `timeoutMs`. */
  waitFor<T extends TelephonyEvent>(match: (event: TelephonyEvent) => event is T, timeoutMs?: number, what?: string): Promise<T>;
  waitForIncoming(timeoutMs?: number): Promise<IncomingCall>;
  stop(): Promise<void>;
}

export async function labPhone(lab: SipLab, user: string, options: Partial<SipSoftphoneOptions> & { password?: string; start?: boolean } = {}): Promise<LabPhone> {
  const media = new PlainRtpEngine();
  const logger = createMemoryLogger();
  const phone = new SipSoftphone({
    account: { server: lab.wsUrl, aor: `sip:${user}@${lab.domain}`, password: options.password ?? lab.password, displayName: user },
    media,
    logger,
    keepAliveS: 5,
    ...options,
  });
  const events: TelephonyEvent[] = [];
  const waiters = new Set<() => void>();
  phone.onEvent((event) => {
    events.push(event);
    for (const w of [...waiters]) w();
  });
  const waitFor = <T extends TelephonyEvent>(match: (event: TelephonyEvent) => event is T, timeoutMs = 8000, what = 'event'): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${user}: no ${what} within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ') || 'nothing'}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  if (options.start !== false) await phone.start();
  return {
    user,
    phone,
    media,
    events,
    logLines: logger.lines,
    waitFor,
    waitForIncoming: async (timeoutMs) => (await waitFor((e): e is Extract<TelephonyEvent, { type: 'incoming' }> => e.type === 'incoming', timeoutMs, 'incoming call')).call,
    async stop() {
      await phone.stop();
      media.closeAll();
    },
  };
}

export const isAnswered = (callId: string) => (e: TelephonyEvent): e is Extract<TelephonyEvent, { type: 'answered' }> => e.type === 'answered' && e.callId === callId;
export const isEnded = (callId: string) => (e: TelephonyEvent): e is Extract<TelephonyEvent, { type: 'ended' }> => e.type === 'ended' && e.callId === callId;
export const isParty = (callId: string) => (e: TelephonyEvent): e is Extract<TelephonyEvent, { type: 'party' }> => e.type === 'party' && e.callId === callId;
export const isRegistered = (e: TelephonyEvent): e is Extract<TelephonyEvent, { type: 'status' }> => e.type === 'status' && e.status.registration === 'registered';

export async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
