import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from './start';

const dirs: string[] = [];
function fakeElectronPackage(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'careline-electron-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('findElectronRuntime', () => {
  it('finds the binary the package points at', () => {
    const dir = fakeElectronPackage({ 'package.json': '{}', 'path.txt': 'electron', 'dist/electron': '' });
    expect(findElectronRuntime(dir)).toEqual({ path: join(dir, 'dist/electron') });
  });

  it('says why there is none: never downloaded, or pointing at nothing, or no package', () => {
    expect(findElectronRuntime(fakeElectronPackage({ 'package.json': '{}' }))).toEqual({ missing: 'the Electron binary was never downloaded' });
    expect(findElectronRuntime(fakeElectronPackage({ 'package.json': '{}', 'path.txt': 'electron' }))).toMatchObject({ missing: expect.stringMatching(/does not exist/) });
    expect(findElectronRuntime(join(tmpdir(), 'careline-no-such-dir'))).toEqual({ missing: 'the electron package is not installed' });
  });
});
