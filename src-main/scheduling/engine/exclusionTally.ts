import type { EngineExclusion } from '../model';
import type { RuleFailure } from './hardRules';

/** Removed candidates grouped by rule, subject and sentence, in the order first seen (deterministic). */
export class ExclusionTally {
  private readonly groups = new Map<string, { failure: RuleFailure; slots: number }>();

  add(failure: RuleFailure, slots: number): void {
    const key = `${failure.rule}\u0000${failure.subject ?? ''}\u0000${failure.message}`;
    const group = this.groups.get(key);
    if (group) group.slots += slots;
    else this.groups.set(key, { failure, slots });
  }

  /** Most removed first, so the biggest reason leads the explanation. */
  list(): EngineExclusion[] {
    return [...this.groups.values()]
      .map(({ failure, slots }) => ({ rule: failure.rule, subject: failure.subject, message: failure.message, slots }))
      .sort((a, b) => b.slots - a.slots);
  }
}
