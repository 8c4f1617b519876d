import type { WorkstationStatus } from '../../src-preload/contract';
import type { Logger } from '../log/logger';
import { NatsTeamBus } from './NatsTeamBus';
import type { TeamBus } from './TeamBus';
import { TeamMonitor } from './TeamMonitor';
import { BEACON_INTERVAL_MS, WorkstationBeacon } from './WorkstationBeacon';

export interface TeamBusConfig {
  readonly servers: readonly string[];
  readonly token: string | null;
  readonly workstationId: string;
}

export interface Team {
  readonly monitor: TeamMonitor;
  /** Something a supervisor watches changed on this workstation: report it now. */
  changed(): void;
  dispose(): Promise<void>;
}

/**
 * The team link of one workstation: a beacon reporting this desk and a monitor of every desk (used when a
 * supervisor is signed in). No bus configured: the monitor shows this workstation alone.
 */
export function startTeam(config: TeamBusConfig | null, read: () => WorkstationStatus, logger: Logger, options: { bus?: TeamBus; intervalMs?: number } = {}): Team {
  const intervalMs = options.intervalMs ?? BEACON_INTERVAL_MS;
  const bus: TeamBus | null =
    options.bus ?? (config ? NatsTeamBus.start({ servers: config.servers, token: config.token ?? undefined, name: `careline-${config.workstationId}`, logger }) : null);
  const monitor = new TeamMonitor(bus, read, logger, Date.now, intervalMs);
  const beacon = bus ? new WorkstationBeacon(bus, read, intervalMs) : null;
  beacon?.start();
  // Back on the bus: report at once instead of waiting for the next interval.
  const off = bus?.onConnectionChange((connected) => connected && beacon?.changed());
  return {
    monitor,
    changed: () => beacon?.changed(),
    async dispose() {
      off?.();
      beacon?.stop();
      monitor.dispose();
      if (!options.bus) await bus?.close();
    },
  };
}
