/**
 * Keyboard shortcuts of the phone, configurable per workstation (agents on a headset keep their hands on the
 * keyboard; some sites standardize other keys). Stored in localStorage; a stored value that is not a valid
 * Alt/Ctrl combination, or that collides with another action, falls back to the default.
 */
export const PHONE_ACTIONS = ['answer', 'hangUp', 'hold', 'mute', 'transfer', 'keypad', 'dial', 'decline', 'nextCall', 'completeTransfer', 'backToCaller'] as const;
export type PhoneAction = (typeof PHONE_ACTIONS)[number];
export type PhoneShortcuts = Record<PhoneAction, string>;

export const DEFAULT_SHORTCUTS: PhoneShortcuts = {
  answer: 'Alt+A',
  hangUp: 'Alt+H',
  hold: 'Alt+K',
  mute: 'Alt+M',
  transfer: 'Alt+T',
  keypad: 'Alt+P',
  dial: 'Alt+L',
  decline: 'Alt+X',
  nextCall: 'Alt+Q',
  completeTransfer: 'Alt+J',
  backToCaller: 'Alt+G',
};

export const ACTION_LABELS: Record<PhoneAction, string> = {
  answer: 'Answer',
  hangUp: 'Hang up',
  hold: 'Hold / resume',
  mute: 'Mute / unmute',
  transfer: 'Transfer',
  keypad: 'Keypad (tones)',
  dial: 'Dial a number',
  decline: 'Decline a waiting call',
  nextCall: 'Next call workspace',
  completeTransfer: 'Complete the transfer (consultation)',
  backToCaller: 'Back to the caller (end the consultation)',
};

/** Keys the rest of the workstation already uses (interview, disposition, checker): never reassigned to the phone. */
// Alt+S: "Schedule appointment" on the disposition (issue 6). Alt+N: the nurse note; Alt+W: warm transfer to
// the nurse queue, Alt+C: leave it as a nurse callback, or connect to 911 on the emergency path (issue 12).
// Alt+E: the emergency path, the same on every desk. Alt+I: "No chart / triage now" on the screen pop (I for unidentified).
export const EMERGENCY_KEY = 'Alt+E';
export const RESERVED_KEYS = ['Alt+B', 'Alt+D', 'Alt+F', 'Alt+O', 'Alt+U', 'Alt+R', 'Alt+S', 'Alt+N', 'Alt+W', 'Alt+C', 'Alt+I', EMERGENCY_KEY];

const STORAGE_KEY = 'careline.shortcuts.v1';
const SHAPE = /^(Alt|Ctrl|Alt\+Shift|Ctrl\+Shift)\+([A-Z0-9]|F\d{1,2})$/;

export function isValidShortcut(keys: string): boolean {
  return SHAPE.test(keys) && !RESERVED_KEYS.includes(keys);
}

/** Merges stored choices over the defaults, dropping invalid and duplicate ones. */
export function resolveShortcuts(stored: unknown): PhoneShortcuts {
  const result: PhoneShortcuts = { ...DEFAULT_SHORTCUTS };
  if (!stored || typeof stored !== 'object') return result;
  const used = new Set<string>();
  for (const action of PHONE_ACTIONS) {
    const value = (stored as Record<string, unknown>)[action];
    if (typeof value === 'string' && isValidShortcut(value) && !used.has(value)) result[action] = value;
    used.add(result[action]);
  }
  // A default that an earlier custom choice took over is a duplicate now: restore every default.
  return new Set(Object.values(result)).size === PHONE_ACTIONS.length ? result : { ...DEFAULT_SHORTCUTS };
}

/** Turns a key event into our notation ("Alt+K"), or null when it is not a combination we accept. */
export function shortcutOf(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'shiftKey' | 'code'>): string | null {
  const key = /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^Digit(\d)$/.exec(event.code)?.[1] ?? /^(F\d{1,2})$/.exec(event.code)?.[1];
  if (!key || (!event.altKey && !event.ctrlKey)) return null;
  const parts = [event.ctrlKey ? 'Ctrl' : 'Alt', ...(event.shiftKey ? ['Shift'] : []), key];
  return parts.join('+');
}

export function loadShortcuts(storage: Pick<Storage, 'getItem'> = localStorage): PhoneShortcuts {
  try {
    return resolveShortcuts(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return { ...DEFAULT_SHORTCUTS };
  }
}

export function saveShortcuts(shortcuts: PhoneShortcuts, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(shortcuts));
}
