import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';
import { DEFAULT_SHORTCUTS, type PhoneShortcuts, loadShortcuts, saveShortcuts } from './shortcuts';

interface ShortcutsValue {
  readonly shortcuts: PhoneShortcuts;
  readonly setShortcuts: (next: PhoneShortcuts) => void;
}

const ShortcutsContext = createContext<ShortcutsValue>({ shortcuts: DEFAULT_SHORTCUTS, setShortcuts: () => undefined });

/** The phone's keyboard shortcuts for this workstation; the call bar and the phone bar both read them here. */
export function ShortcutsProvider(props: { readonly children: ReactNode }) {
  const [shortcuts, setState] = useState<PhoneShortcuts>(() => loadShortcuts());
  const setShortcuts = useCallback((next: PhoneShortcuts) => {
    saveShortcuts(next);
    setState(next);
  }, []);
  const value = useMemo(() => ({ shortcuts, setShortcuts }), [shortcuts, setShortcuts]);
  return <ShortcutsContext.Provider value={value}>{props.children}</ShortcutsContext.Provider>;
}

export function useShortcuts(): ShortcutsValue {
  return useContext(ShortcutsContext);
}
