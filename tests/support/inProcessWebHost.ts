import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type MainServices, createMainServices } from '../../src-main/bootstrap';
import { CarelineConfig } from '../../src-main/config/carelineConfig';
import { createMemoryLogger } from '../../src-main/log/logger';
import { WebHost } from '../../src-main/web-host/WebHost';
import { REPO_ROOT } from './webHostProcess';

export interface InProcessWebHost {
  readonly services: MainServices;
  readonly host: WebHost;
  readonly logger: ReturnType<typeof createMemoryLogger>;
  stop(): Promise<void>;
}

/**
 * The web host with the real main services and the embedded demo EHR (real HTTP on loopback), in this process,
 * serving a placeholder renderer page: for integration suites that speak the contract over the WebSocket.
 */
export async function startInProcessWebHost(ehr: { patients: number; seed: number }): Promise<InProcessWebHost> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'careline-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Careline test</title>');
  const logger = createMemoryLogger();
  const services = await createMainServices({
    host: 'web-host',
    resourcesDir: resolve(REPO_ROOT, 'resources'),
    config: CarelineConfig.parse({ ehr: { kind: 'demo', ...ehr } }),
    logger,
  });
  const host = await WebHost.start({ services, rendererDir, logger });
  return {
    services,
    host,
    logger,
    async stop() {
      await host.close();
      await services.dispose();
      rmSync(rendererDir, { recursive: true, force: true });
    },
  };
}
