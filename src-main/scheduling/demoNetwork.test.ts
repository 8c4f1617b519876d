import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoFhirServer } from '../demo/ehr/DemoFhirServer';
import { generatePopulation } from '../demo/ehr/syntheticPopulation';
import { DocumentationOutbox, MemoryOutboxStore } from '../documentation/DocumentationOutbox';
import { FhirClient } from '../ehr/FhirClient';
import { createMemoryLogger } from '../log/logger';
import { createScheduling } from './createScheduling';
import { schedulingDeliverers } from './fhir/appointmentDelivery';
import { parseZipCentroids } from './geo/zipCentroids';
import type { SchedulingRules } from './model';
import { loadSchedulingRules } from './rules/loadSchedulingRules';

/**
 * The demo EHR's generated network with the demo rules file, through createScheduling as bootstrap wires
 * it: the FHIR side reads what the generator writes (rooms, urgent care, reserved and booked slots).
 */
const root = resolve(__dirname, '../..');
let server: DemoFhirServer;
let outbox: DocumentationOutbox;
let scheduling: ReturnType<typeof createScheduling>;

beforeAll(async () => {
  server = await DemoFhirServer.start();
  await server.load(generatePopulation({ seed: 42, patients: 120, referenceDate: new Date().toISOString().slice(0, 10) }));
  const loaded = loadSchedulingRules(readFileSync(resolve(root, 'resources/scheduling/demo-rules.json'), 'utf8'), 'demo-rules.json');
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const rules: SchedulingRules = loaded.rules;
  const centroids = parseZipCentroids(readFileSync(resolve(root, 'resources/scheduling/zip-centroids.json'), 'utf8'), 'zip-centroids.json');
  const fhir = new FhirClient({ baseUrl: server.baseUrl });
  outbox = new DocumentationOutbox(fhir, new MemoryOutboxStore(), createMemoryLogger(), undefined, undefined, { deliverers: schedulingDeliverers() });
  scheduling = createScheduling({ fhir, outbox, rules: () => rules, centroids: centroids.ok ? centroids.centroids : undefined, logger: createMemoryLogger() });
}, 60_000);
afterAll(async () => {
  scheduling?.waitlist.dispose();
  await outbox?.dispose();
  await server?.stop();
});

describe('scheduling over the generated demo network', () => {
  it('loads providers with names and telehealth flags, clinics with rooms, the urgent care, and booked visits', async () => {
    const network = await scheduling.loader.network();
    expect(network.providers.length).toBe(10);
    expect(network.providers.every((p) => /, (MD|NP)$/.test(p.name))).toBe(true);
    expect(network.providers.some((p) => p.telehealth) && network.providers.some((p) => !p.telehealth)).toBe(true);
    const ny = network.locations.find((l) => l.id === 'loc-ny')!;
    expect(ny.resources.map((r) => r.name).sort()).toEqual(['Procedure room 1', 'X-ray room']);
    expect(network.locations.find((l) => l.kind === 'urgent-care')?.id).toBe('loc-urgent-ny');
    const world = await scheduling.loader.world({ from: Date.now(), to: Date.now() + 30 * 86_400_000 });
    expect(world.booked.length).toBeGreaterThan(0);
    expect(world.slots.some((s) => s.visitTypeIds?.includes('urgent-visit'))).toBe(true);
    // 30 days ahead are searchable.
    expect(Math.max(...world.slots.map((s) => s.start))).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('ranks sick visits and imaging-then-follow-up (an x-ray room, then a follow-up) for a demo patient', async () => {
    const sick = (await scheduling.scheduling.search({ patientId: 'pat-000001', dispositionId: null, visitTypeId: 'sick-visit', preferences: {}, limit: 5 })).value;
    expect(sick.offers.length).toBeGreaterThan(0);
    expect(sick.offers[0]!.reasons.length).toBeGreaterThan(0);
    const imaging = (await scheduling.scheduling.search({ patientId: 'pat-000001', dispositionId: null, visitTypeId: 'imaging-follow-up', preferences: {}, limit: 3 })).value;
    const withRoom = imaging.offers.find((o) => o.visits.length === 2);
    expect(withRoom?.visits[0]!.resources).toEqual(['X-ray room']);
  });
});
