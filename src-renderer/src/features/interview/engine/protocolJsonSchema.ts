import { z } from 'zod';
import {
  Condition,
  DispositionOutcome,
  DispositionRule,
  FreeTextQuestion,
  LinkOutcome,
  MultiChoiceQuestion,
  NumberQuestion,
  Outcome,
  Protocol,
  Question,
  SingleChoiceQuestion,
  YesNoQuestion,
} from '../../../../../src-preload/contract';

/** Names for the shared parts, so the generated schema reads as `$defs/Outcome` rather than `__schema10`. */
function names(): z.core.$ZodRegistry<{ id: string }> {
  const registry = z.registry<{ id: string }>();
  const named: [z.ZodType, string][] = [
    [Condition, 'Condition'],
    [DispositionRule, 'DispositionRule'],
    [DispositionOutcome, 'DispositionOutcome'],
    [LinkOutcome, 'LinkOutcome'],
    [Outcome, 'Outcome'],
    [Question, 'Question'],
    [YesNoQuestion, 'YesNoQuestion'],
    [SingleChoiceQuestion, 'SingleChoiceQuestion'],
    [MultiChoiceQuestion, 'MultiChoiceQuestion'],
    [NumberQuestion, 'NumberQuestion'],
    [FreeTextQuestion, 'FreeTextQuestion'],
  ];
  for (const [schema, id] of named) registry.add(schema, { id });
  return registry;
}

/**
 * The protocol format as JSON Schema (draft 2020-12), generated from the zod contract so editors and other
 * tools can validate content while it is written. The zod schema stays the authority: cross-field rules
 * (unique ids, references to earlier questions, known care advice, links) are only checked by it.
 * Committed as resources/protocols/schema/protocol.schema.json; protocolJsonSchema.test.ts fails when it is stale.
 */
export function protocolJsonSchema(): string {
  const schema = z.toJSONSchema(Protocol, { io: 'input', unrepresentable: 'any', reused: 'ref', metadata: names() });
  const titled = {
    $id: 'https://careline.example.org/schemas/protocol.schema.json',
    title: 'Careline triage protocol (format v2)',
    description: 'Generated from src-preload/contract/schemas/protocol.ts; see resources/protocols/README.md. Do not edit by hand.',
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
