import { Notification } from 'electron';
import type { CallInfo } from '../../src-preload/contract';
import type { EventHub } from '../ipc/EventHub';

/** The window the notification brings forward. */
export interface AttentionWindow {
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * What the desktop notification says. Minimum necessary PHI: a notification can show on a shared screen or a
 * lock screen, so it names the line and the IVR choice, never the caller's number or name.
 */
export function incomingCallNotice(call: CallInfo, serviceLineName: (id: string) => string | null): { title: string; body: string } {
  const line = call.dialed.serviceLineId ? serviceLineName(call.dialed.serviceLineId) : null;
  const parts = [line ? `${line} line` : 'Incoming call', call.ivrChoice ? `caller chose: ${call.ivrChoice.label}` : null].filter(Boolean);
  return { title: 'Careline: incoming call', body: `${parts.join(' · ')}. Click to answer in Careline.` };
}

/**
 * Registration lives in main, so a hidden or minimized window still rings; when the window is not focused,
 * an OS notification announces the call and brings the window forward on click. It closes itself when the
 * call is answered or ends.
 */
export function announceIncomingCalls(events: EventHub, window: () => AttentionWindow | null, serviceLineName: (id: string) => string | null): () => void {
  const shown = new Map<string, Notification>();
  return events.subscribe((event, payload) => {
    if (event !== 'call.incoming' && event !== 'call.updated') return;
    const call = payload as CallInfo;
    if (call.state !== 'ringing') {
      shown.get(call.callId)?.close();
      shown.delete(call.callId);
      return;
    }
    const win = window();
    if (event !== 'call.incoming' || shown.has(call.callId) || (win && win.isFocused()) || !Notification.isSupported()) return;
    const notification = new Notification({ ...incomingCallNotice(call, serviceLineName), urgency: 'critical', silent: false });
    notification.on('click', () => {
      const target = window();
      if (!target) return;
      if (target.isMinimized()) target.restore();
      target.show();
      target.focus();
    });
    notification.on('close', () => shown.delete(call.callId));
    shown.set(call.callId, notification);
    notification.show();
  });
}
