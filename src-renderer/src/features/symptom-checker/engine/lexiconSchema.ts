import { z } from 'zod';

/**
 * The lay-term lexicon as data (resources/lexicon/*.json). Demonstration content, not for clinical use.
 *
 * Terms are written as words separated by spaces; apostrophes are ignored ("can't" = "cant") and `*` stands
 * for up to two words of any kind ("can't catch * breath" matches "can't catch my breath").
 */
const Id = z.string().regex(/^[a-z0-9-]+$/);
const Term = z
  .string()
  .min(1)
  .refine((t) => /[a-z0-9]/i.test(t), 'a term needs at least one letter or digit')
  .refine((t) => !/^\s*\*|\*\s*$/.test(t), 'a term may not start or end with *');

export const LexiconFindingSchema = z
  .object({
    id: Id,
    label: z.string().min(1),
    /** A finding that raises a red flag the moment it is heard (present or uncertain). */
    redFlag: z.boolean().default(false),
    terms: z.array(Term),
    /** Abbreviations; caseSensitive ones match only as typed ("HA" is a headache, "ha" is not). */
    abbreviations: z.array(z.object({ text: Term, caseSensitive: z.boolean() }).strict()).default([]),
    /** Protocols this finding points to, with a weight in (0, 1]. Ids may name protocols not installed yet. */
    protocols: z.array(z.object({ id: Id, weight: z.number().gt(0).max(1) }).strict()),
  })
  .strict();
export type LexiconFinding = z.infer<typeof LexiconFindingSchema>;

export const QuestionFindingsSchema = z.union([
  z.object({ anyOf: z.array(Id).min(1), minDurationHours: z.number().positive().optional() }).strict(),
  z.object({ allOf: z.array(Id).min(1), minDurationHours: z.number().positive().optional() }).strict(),
]);
export type QuestionFindings = z.infer<typeof QuestionFindingsSchema>;

export const LexiconSchema = z
  .object({
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    notice: z.string().regex(/not for clinical use/i, 'the notice must say "not for clinical use"'),
    /** Protocol ids that are red-flag screens: their questions are never pre-answered "no". */
    redFlagScreenIds: z.array(Id).min(1),
    cues: z
      .object({
        negation: z.array(Term).min(1),
        uncertainty: z.array(Term).min(1),
        /** Cues after a finding in the same clause ("fever is gone"). */
        negationAfter: z.array(Term).default([]),
        /** Words that end a negation or uncertainty scope, as punctuation does. */
        scopeEnd: z.array(z.string().regex(/^[a-z]+$/)).min(1),
        /**
         * Words that end a negation scope (not an uncertainty one) when they follow "and" (within two words):
         * "no fever and she has chest pain" (chest pain present); "denies having chest pain" stays absent.
         */
        negationScopeEnd: z.array(z.string().regex(/^[a-z]+$/)).default([]),
      })
      .strict(),
    /** Ordinary words the spelling matcher must never "correct" into a lexicon word. */
    doNotCorrect: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    /** Words before a bare number that make it a temperature ("temp 102"). */
    numericTriggers: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    findings: z.array(LexiconFindingSchema).min(1),
    /** `protocolId/questionId` -> the findings that question asks about. */
    questionFindings: z.record(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/), QuestionFindingsSchema),
  })
  .strict()
  .superRefine((lex, ctx) => {
    const ids = new Set<string>();
    lex.findings.forEach((f, i) => {
      if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: ['findings', i, 'id'], message: `duplicate finding id ${f.id}` });
      ids.add(f.id);
    });
    for (const [key, q] of Object.entries(lex.questionFindings)) {
      for (const id of 'anyOf' in q ? q.anyOf : q.allOf) {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['questionFindings', key], message: `unknown finding ${id}` });
      }
    }
  });
export type LexiconData = z.infer<typeof LexiconSchema>;
