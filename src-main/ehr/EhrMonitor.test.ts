import { afterEach, describe, expect, it, vi } from 'vitest';
import { EhrMonitor } from './EhrMonitor';
import type { FhirClient } from './FhirClient';

afterEach(() => {
  vi.useRealTimers();
});

describe('EhrMonitor', () => {
  it('knows since when the EHR has been unreachable: the first failed check of an outage, cleared when it answers', async () => {
    vi.useFakeTimers({ now: 1_000 });
    let up = false;
    const fhir = { capabilities: async () => (up ? {} : Promise.reject(new Error('down'))) } as unknown as FhirClient;
    const monitor = new EhrMonitor(fhir);
    expect(monitor.unreachableSince()).toBeNull();
    await monitor.check();
    vi.setSystemTime(5_000);
    await monitor.check();
    expect(monitor.unreachableSince()).toBe(1_000);
    up = true;
    await monitor.check();
    expect(monitor.unreachableSince()).toBeNull();
  });
});
