/**
 * The two ways the encrypted cache can be refused, as values with words an agent or IT admin can act on.
 * Callers log `reason` (a code), never `message` (it names a file path).
 */
export type CacheUnreadableReason = 'wrong-key' | 'corrupt' | 'missing-key';

/** The cache file exists but cannot be read. The way out is wipeAndResync (the file is moved aside, not deleted). */
export class CacheUnreadable extends Error {
  override readonly name = 'CacheUnreadable';

  constructor(
    readonly reason: CacheUnreadableReason,
    readonly path: string,
    message: string = unreadableMessage(reason, path),
  ) {
    super(message);
  }
}

/** No keychain, and the policy forbids PHI on disk without one: nothing is written. */
export class CacheUnavailable extends Error {
  override readonly name = 'CacheUnavailable';

  constructor(readonly keychainReason: string) {
    super(
      `Careline will not keep patient data on this computer: the local cache must be encrypted with a key held in the OS keychain, and ${lowerFirst(keychainReason)} Ask IT to fix the keychain, or to allow memory-only mode (nothing is kept after Careline closes).`,
    );
  }
}

/** Why the outbox matters on a wipe: written once, used in every message. */
const OUTBOX_NOTE =
  'Documentation still waiting to be sent to the EHR lives in this same file: choosing "wipe and resync" moves the file aside (it is renamed, not deleted) and starts a fresh cache that resyncs from the EHR, so unsent documentation is not lost but is not sent until IT opens the old file with the original key. If calls were documented since the last successful send, ask IT before wiping.';

export function unreadableMessage(reason: CacheUnreadableReason, path: string): string {
  switch (reason) {
    case 'wrong-key':
      return `The local cache (${path}) cannot be opened with the cache key in the OS keychain: it was written with a different key (the keychain entry was replaced, or the file comes from another user or computer). ${OUTBOX_NOTE}`;
    case 'corrupt':
      return `The local cache (${path}) is damaged: it is not a readable Careline database. ${OUTBOX_NOTE}`;
    case 'missing-key':
      return `The cache key is missing from the OS keychain (or is not a valid key), so the local cache (${path}) cannot be opened. This happens when the keychain was reset or the user profile was restored without it. ${OUTBOX_NOTE}`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
