import { describe, expect, it } from 'vitest';
import { findElectronRuntime } from './start';

describe('findElectronRuntime', () => {
  it('reports a path only when the Electron binary really exists', () => {
    const runtime = findElectronRuntime();
    if ('path' in runtime) {
      expect(runtime.path).toMatch(/electron/i);
    } else {
      // Our build machines: the package is installed but its binary could not be downloaded.
      expect(runtime.missing.length).toBeGreaterThan(0);
    }
  });
});
