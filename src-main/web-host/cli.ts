/**
 * DEV/TEST ONLY: starts the main services and the web host in this Node process.
 *   tsx src-main/web-host/cli.ts [--port 0] [--patients 500] [--seed 42] [--renderer-dir out/renderer] [--json]
 * With --json it prints one line `{"url":…,"origin":…,"token":…,"fhirBaseUrl":…}` once ready (for tests).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createMainServices } from '../bootstrap';
import { CarelineConfig, loadConfig } from '../config/carelineConfig';
import { EnvironmentSecretStore } from '../security/SecretStore';
import { createConsoleLogger } from '../log/logger';
import { WebHost } from './WebHost';

const repoRoot = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      patients: { type: 'string' },
      seed: { type: 'string' },
      'renderer-dir': { type: 'string', default: resolve(repoRoot, 'out/renderer') },
      json: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const rendererDir = resolve(values['renderer-dir']);
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}. Run \`npm run build\` first.`);
  }

  let config = loadConfig();
  if (config.ehr.kind === 'demo' && (values.patients || values.seed)) {
    config = CarelineConfig.parse({
      ...config,
      ehr: { kind: 'demo', patients: Number(values.patients ?? config.ehr.patients), seed: Number(values.seed ?? config.ehr.seed) },
    });
  }
  const logger = createConsoleLogger(process.env.CARELINE_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const services = await createMainServices({
    host: 'web-host',
    resourcesDir: resolve(repoRoot, 'resources'),
    config,
    logger,
    // Dev/test host: a lab SIP password may come from CARELINE_SIP_PASSWORD (the packaged app uses the keychain).
    secrets: new EnvironmentSecretStore(),
  });
  const host = await WebHost.start({ services, rendererDir, logger, port });

  const ready = { url: host.url, origin: host.origin, token: host.token, fhirBaseUrl: services.demo?.ehr.baseUrl ?? null };
  if (values.json) {
    process.stdout.write(JSON.stringify(ready) + '\n');
  } else {
    process.stdout.write(
      `\nCareline is running in browser mode (web host, dev/test only).\n` +
        `Open: ${host.url}\n` +
        (services.demo ? `Demo environment: simulated phone line and demo EHR at ${services.demo.ehr.baseUrl} (synthetic patients).\n` : '') +
        `Press Ctrl+C to stop.\n\n`,
    );
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await services.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Test runners start us with a pipe on stdin: when it closes, the parent is gone, so stop too.
  if (values.json) {
    process.stdin.on('end', () => void stop());
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`careline web host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
