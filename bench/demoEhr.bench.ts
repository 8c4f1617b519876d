/**
 * Demo EHR figures: the synthetic population generator at 100,000 patients (time, resources, memory) and
 * the demo FHIR server at 10,000 patients (load time, Patient?phone= and family+birthdate latency over HTTP).
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Patient } from '@medplum/fhirtypes';
import { startDemoEhr } from '../src-main/demo/ehr/startDemoEhr';
import { generatePopulation, householdPhoneOf } from '../src-main/demo/ehr/syntheticPopulation';
import { FhirClient } from '../src-main/ehr/FhirClient';
import { mib, summary } from './stats';

async function generator(patients: number): Promise<void> {
  const started = performance.now();
  let resources = 0;
  let bytes = 0;
  let peakRss = process.memoryUsage().rss;
  const lines = Readable.from(
    (function* () {
      for (const r of generatePopulation({ patients, seed: 42, referenceDate: '2026-11-01' })) {
        resources += 1;
        if (resources % 10_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
        yield JSON.stringify(r) + '\n';
      }
    })(),
  );
  await pipeline(lines, new Writable({ write: (chunk: Buffer, _enc, cb) => ((bytes += chunk.length), cb()) }));
  const ms = performance.now() - started;
  console.log(`generator: ${patients} patients -> ${resources} resources, ${mib(bytes)} NDJSON in ${(ms / 1000).toFixed(2)} s (peak RSS ${mib(peakRss)})`);
}

async function server(patients: number): Promise<void> {
  const t0 = performance.now();
  const { server, counts } = await startDemoEhr({ patients, seed: 42, referenceDate: '2026-11-01' });
  console.log(`demo EHR: loaded ${patients} patients (${Object.values(counts).reduce((a, b) => a + b, 0)} resources) in ${((performance.now() - t0) / 1000).toFixed(2)} s, heap ${mib(process.memoryUsage().heapUsed)}`);
  const fhir = new FhirClient({ baseUrl: server.baseUrl });
  const sample = await fhir.search<Patient>('Patient', { _count: '200' });
  const phones = [...new Set(sample.map((p) => householdPhoneOf(p)).filter((p): p is string => !!p))].slice(0, 100);
  const byPhone: number[] = [];
  for (const phone of phones) {
    const t = performance.now();
    await fhir.search<Patient>('Patient', { phone });
    byPhone.push(performance.now() - t);
  }
  const byName: number[] = [];
  for (const p of sample.slice(0, 100)) {
    const t = performance.now();
    await fhir.search<Patient>('Patient', { family: p.name?.[0]?.family ?? '', birthdate: p.birthDate ?? '' });
    byName.push(performance.now() - t);
  }
  console.log(summary(`Patient?phone= over HTTP at ${patients}`, byPhone));
  console.log(summary(`Patient?family=&birthdate= over HTTP at ${patients}`, byName));
  await server.stop();
}

(async () => {
  await generator(100_000);
  await server(10_000);
})().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
