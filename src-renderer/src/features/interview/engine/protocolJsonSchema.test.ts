import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolJsonSchema } from './protocolJsonSchema';

const FILE = resolve(process.cwd(), 'resources/protocols/schema/protocol.schema.json');
const REGENERATE = 'UPDATE_PROTOCOL_SCHEMA=1 npx vitest run --project unit-renderer src-renderer/src/features/interview/engine/protocolJsonSchema.test.ts';

describe('resources/protocols/schema/protocol.schema.json', () => {
  it('is the JSON Schema generated from the zod contract (regenerate with the command in the message)', () => {
    const generated = protocolJsonSchema();
    if (process.env.UPDATE_PROTOCOL_SCHEMA === '1') writeFileSync(FILE, generated);
    const committed = readFileSync(FILE, 'utf8');
    expect(committed === generated, `protocol.schema.json is stale; regenerate it: ${REGENERATE}`).toBe(true);
  });

  it('describes every question type and condition of the format', () => {
    const text = protocolJsonSchema();
    for (const name of ['yes-no', 'single-choice', 'multi-choice', 'number', 'free-text', 'ageMonths', 'pregnancy', 'timeOfDay', 'callerRole', 'goTo', 'orderException']) {
      expect(text, name).toContain(`"${name}"`);
    }
  });
});
