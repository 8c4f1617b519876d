import type { DirectoryEntry } from '../../src-preload/contract';

/** What "connect to 911" dials when the site configured no emergency entry: the number itself, through the PBX. */
export const DEFAULT_EMERGENCY_ENTRY: DirectoryEntry = { id: 'emergency-911', label: 'Emergency services (911)', kind: 'emergency', target: '911' };

/**
 * The directory with an emergency entry always present: the emergency path must never find nothing to connect
 * to. A site routes 911 its own way (an E911 trunk, a PSAP test number) by configuring an entry of kind
 * "emergency"; the first one is what the emergency path uses, and it is listed first.
 */
export function withEmergencyEntry(directory: readonly DirectoryEntry[], fallback: DirectoryEntry = DEFAULT_EMERGENCY_ENTRY): DirectoryEntry[] {
  const emergency = directory.filter((e) => e.kind === 'emergency');
  const others = directory.filter((e) => e.kind !== 'emergency');
  return [...(emergency.length > 0 ? emergency : [fallback]), ...others];
}
