import { useEffect } from 'react';
import { useBridge } from '../../bridge';
import { useCallSessionActor } from '../call-session';
import { draftOf } from './draftSnapshot';

const SAVE_DELAY_MS = 250;

/**
 * Saves the call session as a draft after every step of the interview, disposition or escalation, so a crash
 * of the window (or, with the encrypted cache, of the workstation) loses nothing that was documented. Renders
 * nothing; a save that fails is retried with the next step (main answers only when it has the draft).
 */
export function DraftAutosave() {
  const bridge = useBridge();
  const actor = useCallSessionActor();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastSaved = '';
    const subscription = actor.subscribe((snapshot) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const draft = draftOf(snapshot, actor.getPersistedSnapshot());
        if (!draft) return;
        const text = JSON.stringify(draft);
        if (text === lastSaved) return;
        void bridge.invoke('draft.save', draft).then((result) => {
          if (result.ok) lastSaved = text;
        });
      }, SAVE_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [actor, bridge]);
  return null;
}
