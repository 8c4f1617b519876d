import { z } from 'zod';
import { Protocol } from '../../../../../src-preload/contract';

/**
 * The protocol format as JSON Schema (draft 2020-12), generated from the zod contract so editors and other
 * tools can validate content while it is written. The zod schema stays the authority: cross-field rules
 * (unique ids, references to earlier questions, known care advice, links) are only checked by it.
 * Committed as resources/protocols/schema/protocol.schema.json; protocolJsonSchema.test.ts fails when it is stale.
 */
export function protocolJsonSchema(): string {
  const schema = z.toJSONSchema(Protocol, { io: 'input', unrepresentable: 'any', reused: 'ref' });
  const titled = {
    $id: 'https://careline.example.org/schemas/protocol.schema.json',
    title: 'Careline triage protocol (format v2)',
    description: 'Generated from src-preload/contract/schemas/protocol.ts; see resources/protocols/README.md. Do not edit by hand.',
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
