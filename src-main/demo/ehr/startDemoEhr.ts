/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Starts the embedded demo EHR on a random loopback port and fills it with the synthetic population.
 */
import { DemoFhirServer } from './DemoFhirServer';
import { generatePopulation, type PopulationResource } from './syntheticPopulation';

export interface StartDemoEhrOptions {
  readonly patients?: number;
  readonly seed?: number;
  /** "Today" for the synthetic data (YYYY-MM-DD); defaults to the generator's fixed date, not the clock. */
  readonly referenceDate?: string;
  readonly port?: number;
}

export interface StartedDemoEhr {
  readonly server: DemoFhirServer;
  /** Resources loaded, by resource type (e.g. { Patient: 500, Coverage: 460, ... }). */
  readonly counts: Record<string, number>;
}

export async function startDemoEhr(options: StartDemoEhrOptions = {}): Promise<StartedDemoEhr> {
  const { patients = 500, seed = 42, referenceDate, port = 0 } = options;
  const counts: Record<string, number> = {};
  // Generate lazily while loading: the population never exists twice in memory.
  const population = generatePopulation({ patients, seed, referenceDate });
  function* counted(): Generator<PopulationResource> {
    for (const resource of population) {
      counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
      yield resource;
    }
  }
  const server = await DemoFhirServer.start({ port });
  try {
    await server.load(counted());
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { server, counts };
}
