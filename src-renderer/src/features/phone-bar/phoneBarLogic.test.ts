import { describe, expect, it } from 'vitest';
import { CALL_ID, OTHER_CALL_ID, activeCall, endedCall, ringingCall } from '../../test/fixtures';
import { applyCall, consultationOf, focusedCall } from './liveCalls';
import { DEFAULT_SHORTCUTS, isValidShortcut, loadShortcuts, resolveShortcuts, saveShortcuts, shortcutOf } from './shortcuts';

describe('live calls', () => {
  it('keeps live calls newest first and drops ended ones', () => {
    let calls = applyCall([], activeCall({ ringAt: 1 }));
    calls = applyCall(calls, ringingCall({ callId: OTHER_CALL_ID, ringAt: 2 }));
    expect(calls.map((c) => c.callId)).toEqual([OTHER_CALL_ID, CALL_ID]);
    expect(applyCall(calls, endedCall({ callId: OTHER_CALL_ID })).map((c) => c.callId)).toEqual([CALL_ID]);
  });

  it('focuses the connected call that is not on hold, else the newest connected one, never a ringing one', () => {
    const held = activeCall({ held: true, ringAt: 2 });
    const talking = activeCall({ callId: OTHER_CALL_ID, ringAt: 1 });
    expect(focusedCall([held, talking])?.callId).toBe(OTHER_CALL_ID);
    expect(focusedCall([held])?.callId).toBe(CALL_ID);
    expect(focusedCall([ringingCall()])).toBeNull();
  });

  it('pairs a consultation with the caller it is for', () => {
    const caller = activeCall({ held: true });
    const consult = activeCall({ callId: OTHER_CALL_ID, direction: 'outbound', consultFor: CALL_ID });
    expect(consultationOf([consult, caller])).toEqual({ caller, consult });
    expect(consultationOf([caller])).toBeNull();
  });
});

describe('phone shortcuts', () => {
  it('accepts Alt/Ctrl combinations, refuses keys the workstation already uses', () => {
    expect(isValidShortcut('Alt+K')).toBe(true);
    expect(isValidShortcut('Ctrl+Shift+F9')).toBe(true);
    expect(isValidShortcut('Alt+U')).toBe(false);
    expect(isValidShortcut('K')).toBe(false);
    expect(isValidShortcut('Alt+é')).toBe(false);
  });

  it('merges stored choices over the defaults and falls back when they collide or are junk', () => {
    expect(resolveShortcuts({ hold: 'Alt+Z' })).toEqual({ ...DEFAULT_SHORTCUTS, hold: 'Alt+Z' });
    expect(resolveShortcuts({ hold: 'Alt+M' })).toEqual(DEFAULT_SHORTCUTS); // Alt+M is mute's
    expect(resolveShortcuts({ hold: 42, mute: 'Alt+O' })).toEqual(DEFAULT_SHORTCUTS);
    expect(resolveShortcuts('nonsense')).toEqual(DEFAULT_SHORTCUTS);
  });

  it('reads key events by physical key and round-trips through storage', () => {
    expect(shortcutOf({ altKey: true, ctrlKey: false, shiftKey: false, code: 'KeyJ' })).toBe('Alt+J');
    expect(shortcutOf({ altKey: false, ctrlKey: true, shiftKey: true, code: 'Digit5' })).toBe('Ctrl+Shift+5');
    expect(shortcutOf({ altKey: false, ctrlKey: false, shiftKey: false, code: 'KeyJ' })).toBeNull();
    expect(shortcutOf({ altKey: true, ctrlKey: false, shiftKey: false, code: 'AltLeft' })).toBeNull();
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveShortcuts({ ...DEFAULT_SHORTCUTS, transfer: 'Alt+9' }, storage);
    expect(loadShortcuts(storage).transfer).toBe('Alt+9');
    store.set('careline.shortcuts.v1', '{broken');
    expect(loadShortcuts(storage)).toEqual(DEFAULT_SHORTCUTS);
  });
});

describe('every call-control action has a shortcut', () => {
  it('gives each phone action its own default key, none of them reserved by the workflow', () => {
    const keys = Object.values(DEFAULT_SHORTCUTS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(isValidShortcut(key), key).toBe(true);
    expect(Object.keys(DEFAULT_SHORTCUTS)).toEqual(expect.arrayContaining(['answer', 'hangUp', 'hold', 'transfer', 'decline', 'nextCall', 'completeTransfer', 'backToCaller']));
  });
});
