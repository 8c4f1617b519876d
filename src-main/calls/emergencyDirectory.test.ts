import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../src-preload/contract';
import { DEFAULT_EMERGENCY_ENTRY, withEmergencyEntry } from './emergencyDirectory';

const nurse: DirectoryEntry = { id: 'nq', label: 'Nurse queue', kind: 'nurse-queue', target: '2000' };

describe('withEmergencyEntry', () => {
  it('adds 911 first when the site configured no emergency entry', () => {
    expect(withEmergencyEntry([nurse])).toEqual([DEFAULT_EMERGENCY_ENTRY, nurse]);
    expect(withEmergencyEntry([])).toEqual([DEFAULT_EMERGENCY_ENTRY]);
  });

  it("keeps the site's own emergency route, listed first, and adds no second one", () => {
    const psap: DirectoryEntry = { id: 'e911', label: 'E911 trunk', kind: 'emergency', target: 'sip:911@e911.example.org' };
    expect(withEmergencyEntry([nurse, psap])).toEqual([psap, nurse]);
  });
});
