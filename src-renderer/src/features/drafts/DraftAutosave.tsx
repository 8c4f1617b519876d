import { useEffect } from 'react';
import { type Bridge, useBridge } from '../../bridge';
import { type CallSessionActor, useCallWorkspacesState } from '../call-session';
import { draftOf } from './draftSnapshot';

const SAVE_DELAY_MS = 250;

/**
 * Saves every call workspace as a draft after each step of its interview, disposition or escalation, so a crash
 * of the window (or, with the encrypted cache, of the workstation) loses nothing that was documented — including
 * the workspace of a call that ended unfinished while the agent took the next one. Renders nothing.
 */
export function DraftAutosave() {
  const bridge = useBridge();
  const { workspaces } = useCallWorkspacesState();
  return (
    <>
      {workspaces.map((w) => (
        <WorkspaceAutosave key={w.key} bridge={bridge} actor={w.actor} />
      ))}
    </>
  );
}

/** One workspace's saves; a save that fails is retried with the next step (main answers only when it has the draft). */
function WorkspaceAutosave(props: { readonly bridge: Bridge; readonly actor: CallSessionActor }) {
  const { bridge, actor } = props;
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
