/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Streams FHIR resources as NDJSON (one resource per line, the FHIR bulk-data format) to a file or stdout,
 * respecting backpressure so 100,000 patients never sit in memory as text.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Resource } from '@medplum/fhirtypes';

export interface NdjsonSummary {
  readonly resources: number;
  readonly bytes: number;
  readonly byType: Record<string, number>;
}

/** Lines are batched into chunks of about this size: one write per resource would be slow. */
const CHUNK_CHARS = 256 * 1024;

export async function writeNdjson(resources: Iterable<Resource>, out: Writable): Promise<NdjsonSummary> {
  const byType: Record<string, number> = {};
  let count = 0;
  let bytes = 0;
  let chunk = '';
  const flush = async (): Promise<void> => {
    if (chunk === '') return;
    const buffer = Buffer.from(chunk, 'utf8');
    chunk = '';
    bytes += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  for (const resource of resources) {
    chunk += `${JSON.stringify(resource)}\n`;
    byType[resource.resourceType] = (byType[resource.resourceType] ?? 0) + 1;
    count += 1;
    if (chunk.length >= CHUNK_CHARS) await flush();
  }
  await flush();
  return { resources: count, bytes, byType };
}
