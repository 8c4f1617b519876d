import { type Actor, type AnyActorLogic, createActor } from 'xstate';
import type { CallInfo, Role } from '../../../../src-preload/contract';
import { type CallSessionMachine, type CallSessionSnapshot, lineStateOf, workflowStepOf } from './callSessionMachine';

/** The machine as the workstation runs it: the call-session machine with its actors bound to a transport. */
export type CallSessionLogic = CallSessionMachine;
export type CallSessionActor = Actor<CallSessionMachine>;

/** One call's workspace: its own workflow actor (screen pop, reason, interview, …, wrap-up) and its own patient. */
export interface CallWorkspace {
  /** Stable for the workspace's life: the panes are keyed on it, so nothing typed for one call survives into another. */
  readonly key: string;
  readonly actor: CallSessionActor;
}

/** What the switcher lists: a workspace other than the one on screen, in words an agent reads at a glance. */
export interface WorkspaceSummary {
  readonly key: string;
  readonly callId: string | null;
  /** The patient's name once verified, else the caller's number. Minimum necessary: no more than the call bar shows. */
  readonly label: string;
  readonly status: 'ringing' | 'on-hold' | 'active' | 'unfinished';
}

export interface CallWorkspacesState {
  readonly workspaces: readonly CallWorkspace[];
  readonly frontKey: string;
}

/**
 * Every live call has its own workspace; the agent sees one of them (the front). This class only does the
 * bookkeeping — which call event goes to which workspace, which workspace is in front, which are finished and
 * dropped — so it is tested without React. The rules, each a hazard found off the happy path:
 * - A new inbound call always gets a new workspace (never the previous caller's): its screen pops on ring when
 *   the agent is not talking to anyone, else it rings in the background (call waiting) until answered.
 * - The front follows the call the agent talks to: answering or resuming a call brings its workspace forward.
 * - The unfinished workflow of a call that ended stays a workspace of its own (a draft, also saved in main)
 *   until it is finished; it is never inherited by the next caller.
 * - A finished workspace (the workflow back to idle) is dropped once it is not in front.
 */
export class CallWorkspaces {
  private state: CallWorkspacesState;
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions = new Map<string, { unsubscribe(): void }>();
  private sequence = 0;
  private holders = 0;

  constructor(
    private readonly logic: CallSessionLogic,
    private readonly role: Role,
    initial?: CallSessionSnapshot,
  ) {
    const first = this.spawn(initial);
    this.state = { workspaces: [first], frontKey: first.key };
  }

  getState = (): CallWorkspacesState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  front(): CallWorkspace {
    return this.state.workspaces.find((w) => w.key === this.state.frontKey) ?? this.state.workspaces[0]!;
  }

  /** A call event from main (`call.incoming` or `call.updated`). */
  onCall(call: CallInfo, kind: 'incoming' | 'updated'): void {
    const owner = this.workspaceOf(call.callId);
    if (owner) {
      owner.actor.send(kind === 'incoming' ? { type: 'CALL.INCOMING', call } : { type: 'CALL.UPDATED', call });
      // The front follows the conversation: the call the agent now talks to (answered here or from the phone
      // bar, or resumed from hold) comes to the front with everything of its own.
      if (call.state === 'active' && !call.held && owner.key !== this.state.frontKey) this.setFront(owner.key);
      return;
    }
    // Only inbound calls are workflows; calls we place (a consultation, 911) are legs of the call in front.
    if (kind !== 'incoming' || call.direction !== 'inbound' || call.state === 'ended') return;
    const workspace = this.spawn();
    workspace.actor.send({ type: 'CALL.INCOMING', call });
    // The screen pops on ring unless the agent is busy with a caller (talking, or another call ringing in front):
    // a finished workspace or the draft of a call that ended gives way at once.
    const front = this.front().actor.getSnapshot();
    const busy = isLive(front) || lineStateOf(front) === 'ringing';
    const workspaces = [...this.state.workspaces, workspace];
    this.state = { workspaces, frontKey: busy ? this.state.frontKey : workspace.key };
    this.prune();
    this.emit();
  }

  /** The agent switches to another workspace (switcher, Alt+Q). */
  bringToFront(key: string): void {
    if (key === this.state.frontKey || !this.state.workspaces.some((w) => w.key === key)) return;
    this.setFront(key);
  }

  /** The next workspace after the one in front (wraps around); null when there is only one. */
  nextKey(): string | null {
    const { workspaces, frontKey } = this.state;
    if (workspaces.length < 2) return null;
    const index = workspaces.findIndex((w) => w.key === frontKey);
    return workspaces[(index + 1) % workspaces.length]!.key;
  }

  /** A ringing call waiting behind the one in front (the oldest first): Alt+A answers it. */
  ringingBehind(): CallWorkspace | null {
    const ringing = this.state.workspaces.filter((w) => w.key !== this.state.frontKey && lineStateOf(w.actor.getSnapshot()) === 'ringing');
    ringing.sort((a, b) => (a.actor.getSnapshot().context.call?.ringAt ?? 0) - (b.actor.getSnapshot().context.call?.ringAt ?? 0));
    return ringing[0] ?? null;
  }

  /**
   * A saved draft resumed (crash recovery): it becomes a workspace of its own, in front. A workspace that the
   * same live call rang back into, with nothing done yet, is replaced by it (the draft holds the real work).
   */
  resume(snapshot: CallSessionSnapshot): string {
    const callId = snapshot.context.call?.callId ?? null;
    const replaced = callId ? this.workspaceOf(callId) : null;
    const workspace = this.spawn(snapshot);
    const keep = this.state.workspaces.filter((w) => !(replaced && w.key === replaced.key && isUntouched(w.actor.getSnapshot())));
    for (const dropped of this.state.workspaces.filter((w) => !keep.includes(w))) this.stopWorkspace(dropped);
    this.state = { workspaces: [...keep, workspace], frontKey: workspace.key };
    this.prune();
    this.emit();
    return workspace.key;
  }

  /** The interview drafts these workspaces hold (so the idle screen does not offer them as "Careline closed"). */
  draftIds(): Set<string> {
    const ids = new Set<string>();
    for (const w of this.state.workspaces) {
      const id = w.actor.getSnapshot().context.interview?.draftId;
      if (id) ids.add(id);
    }
    return ids;
  }

  summaries(): WorkspaceSummary[] {
    return this.state.workspaces.filter((w) => !isFinished(w.actor.getSnapshot())).map((w) => summaryOf(w));
  }

  /**
   * Held while a provider is mounted; released on unmount, the actors stop only if nobody takes it again right
   * away (React's StrictMode unmounts and remounts every effect once in development).
   */
  retain(): void {
    this.holders += 1;
  }

  release(): void {
    this.holders -= 1;
    queueMicrotask(() => {
      if (this.holders <= 0) this.dispose();
    });
  }

  dispose(): void {
    for (const w of this.state.workspaces) this.stopWorkspace(w);
    this.listeners.clear();
  }

  private workspaceOf(callId: string): CallWorkspace | null {
    return this.state.workspaces.find((w) => w.actor.getSnapshot().context.call?.callId === callId) ?? null;
  }

  private setFront(key: string): void {
    this.state = { ...this.state, frontKey: key };
    this.prune();
    this.emit();
  }

  private spawn(snapshot?: CallSessionSnapshot): CallWorkspace {
    const key = `ws-${++this.sequence}`;
    const actor = createActor(this.logic as AnyActorLogic, {
      input: { role: this.role },
      ...(snapshot ? { snapshot } : {}),
    }) as unknown as CallSessionActor;
    const workspace = { key, actor };
    // A workspace behind the front that finishes (wrap-up recorded) is dropped; the switcher follows state changes.
    this.subscriptions.set(key, actor.subscribe(() => this.onWorkspaceChanged(key)));
    actor.start();
    return workspace;
  }

  private onWorkspaceChanged(key: string): void {
    // The first workspace emits while the constructor starts it, before there is any state to update.
    if (!(this.state as CallWorkspacesState | undefined)) return;
    if (key !== this.state.frontKey && this.state.workspaces.some((w) => w.key === key)) {
      if (this.prune()) {
        this.emit();
        return;
      }
    }
    // Summaries (labels, statuses) changed: listeners re-read them.
    this.emit();
  }

  /** Drops finished workspaces other than the front. True when something was dropped. */
  private prune(): boolean {
    const keep = this.state.workspaces.filter((w) => w.key === this.state.frontKey || !isFinished(w.actor.getSnapshot()));
    if (keep.length === this.state.workspaces.length) return false;
    for (const dropped of this.state.workspaces.filter((w) => !keep.includes(w))) this.stopWorkspace(dropped);
    this.state = { ...this.state, workspaces: keep };
    return true;
  }

  private stopWorkspace(workspace: CallWorkspace): void {
    this.subscriptions.get(workspace.key)?.unsubscribe();
    this.subscriptions.delete(workspace.key);
    workspace.actor.stop();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Talking or about to: the caller is on the line (held counts: the agent comes back to them). */
function isLive(snapshot: CallSessionSnapshot): boolean {
  const line = lineStateOf(snapshot);
  return line === 'answering' || line === 'connected' || line === 'hangingUp';
}

/** Nothing left to do here: no call on the line and the workflow idle (wrapped up, or never started). */
function isFinished(snapshot: CallSessionSnapshot): boolean {
  return workflowStepOf(snapshot) === 'idle' && lineStateOf(snapshot) !== 'ringing' && !isLive(snapshot);
}

/** Rang and was picked up, but nothing was verified or entered yet. */
function isUntouched(snapshot: CallSessionSnapshot): boolean {
  const step = workflowStepOf(snapshot);
  return (step === 'ringing' || step === 'identifying') && snapshot.context.patient === null && snapshot.context.reason === null;
}

function summaryOf(workspace: CallWorkspace): WorkspaceSummary {
  const snapshot = workspace.actor.getSnapshot();
  const { call, patient } = snapshot.context;
  const line = lineStateOf(snapshot);
  const status: WorkspaceSummary['status'] =
    line === 'ringing' ? 'ringing' : isLive(snapshot) ? (call?.held ? 'on-hold' : 'active') : 'unfinished';
  const caller = call ? (call.from.displayName ?? call.from.e164 ?? call.from.raw) : 'No call';
  return { key: workspace.key, callId: call?.callId ?? null, label: patient?.displayName ?? caller, status };
}
