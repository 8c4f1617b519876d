import { z } from 'zod';
import { AGE_BANDS } from '../domain/ageBand';
import { DISPOSITION_IDS } from '../domain/dispositions';

/**
 * Clinical content is data (format v2, documented in resources/protocols/README.md). A protocol is validated
 * here and compiled to an XState machine by the renderer's interview engine; content refers to behaviour only
 * through the small condition vocabulary below. Every v1 file (yes-no questions only) is still valid.
 */
export const DispositionIdSchema = z.enum(DISPOSITION_IDS);
export const AgeBandSchema = z.enum(AGE_BANDS);

const Id = z.string().regex(/^[a-z0-9-]+$/);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time HH:MM');
const Range = { atLeast: z.number().finite().optional(), below: z.number().finite().optional() };

export const PREGNANCY_STATES = ['pregnant', 'not-pregnant', 'unknown'] as const;
export const CALLER_ROLES = ['self', 'parent', 'caregiver', 'other'] as const;
/** US states, DC and territories (USPS codes). */
export const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI',
  'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'GU', 'VI', 'AS', 'MP',
] as const;

function params<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).strict();
}
function condition<K extends string, P extends z.ZodType>(type: K, p: P) {
  return z.object({ type: z.literal(type), params: p }).strict();
}

/**
 * The condition vocabulary of `enableWhen` (all must hold for a question to be asked). A condition whose input
 * is unknown (null, 'unknown', not asked) HOLDS: asking one more question is the safe side.
 */
export const Condition = z.discriminatedUnion('type', [
  condition('ageBand', params({ in: z.array(AgeBandSchema).min(1) })),
  condition('afterHours', params({ is: z.boolean() })),
  condition('sex', params({ in: z.array(z.enum(['male', 'female', 'other', 'unknown'])).min(1) })),
  condition('answered', params({ questionId: Id, is: z.boolean() })),
  condition('choice', params({ questionId: Id, in: z.array(Id).min(1) })),
  condition('number', params({ questionId: Id, ...Range })),
  condition('ageMonths', params({ ...Range })),
  condition('pregnancy', params({ in: z.array(z.enum(PREGNANCY_STATES)).min(1) })),
  condition('state', params({ in: z.array(z.enum(US_STATE_CODES)).min(1) })),
  condition('zip', params({ prefixes: z.array(z.string().regex(/^\d{1,5}$/, 'a zip prefix is 1 to 5 digits')).min(1) })),
  condition('timeOfDay', params({ from: HhMm, to: HhMm })),
  condition('callerRole', params({ in: z.array(z.enum(CALLER_ROLES)).min(1) })),
]);
export type Condition = z.infer<typeof Condition>;
/** The v1 name of Condition, kept for existing imports. */
export const Guard = Condition;
export type Guard = Condition;

/** A disposition, or one for office hours and another for after hours. */
export const DispositionRule = z.union([
  DispositionIdSchema,
  z.object({ officeHours: DispositionIdSchema, afterHours: DispositionIdSchema }).strict(),
]);
export type DispositionRule = z.infer<typeof DispositionRule>;

export const DispositionOutcome = z
  .object({
    disposition: DispositionRule,
    /** Why, in words the agent can read back and the chart keeps. */
    because: z.string().min(1),
    careAdviceIds: z.array(z.string()).default([]),
  })
  .strict();
export type DispositionOutcome = z.infer<typeof DispositionOutcome>;

/**
 * "Go to Chest Pain": the interview continues with the linked symptom protocol's questions; the disposition is
 * then the more urgent of `atLeast` and what the linked protocol decides.
 */
export const LinkOutcome = z
  .object({
    goTo: Id,
    because: z.string().min(1),
    atLeast: DispositionRule.optional(),
  })
  .strict();
export type LinkOutcome = z.infer<typeof LinkOutcome>;

export const Outcome = z.union([DispositionOutcome, LinkOutcome]);
export type Outcome = z.infer<typeof Outcome>;

export function isLinkOutcome(outcome: Outcome): outcome is LinkOutcome {
  return 'goTo' in outcome;
}

const common = {
  id: Id,
  text: z.string().min(1),
  help: z.string().optional(),
  /** All must hold for the question to be asked; otherwise it is skipped and recorded as not asked. */
  enableWhen: z.array(Condition).default([]),
  /**
   * Optional: the symptom-checker finding ids (lexicon ids) this question asks about, so the checker can
   * pre-answer it from the caller's words for the agent to confirm. Content without it stays valid.
   */
  findings: z.array(Id).optional(),
  /**
   * Why this question may be followed by a question with a more urgent outcome (the first-yes-wins ordering
   * check is waived for it). Say why it is safe, e.g. the later question cannot apply when this one is yes.
   */
  orderException: z.string().min(1).optional(),
};

const Option = z.object({ id: Id, label: z.string().min(1), outcome: Outcome.optional() }).strict();
const MultiOption = z.object({ id: Id, label: z.string().min(1), outcome: DispositionOutcome.optional() }).strict();
export type ChoiceOption = z.infer<typeof Option>;

export const YesNoQuestion = z.object({ ...common, type: z.literal('yes-no'), onYes: Outcome }).strict();
export const SingleChoiceQuestion = z
  .object({ ...common, type: z.literal('single-choice'), options: z.array(Option).min(2).max(9), ifUnknown: Outcome.optional() })
  .strict();
export const MultiChoiceQuestion = z
  .object({ ...common, type: z.literal('multi-choice'), options: z.array(MultiOption).min(1).max(9), ifUnknown: Outcome.optional() })
  .strict();
export const NumberBand = z.object({ ...Range, outcome: Outcome }).strict();
export type NumberBand = z.infer<typeof NumberBand>;
export const NumberQuestion = z
  .object({
    ...common,
    type: z.literal('number'),
    unit: z.string().min(1).max(20),
    min: z.number().finite(),
    max: z.number().finite(),
    decimals: z.number().int().min(0).max(2),
    /** Checked in order; the first band the answer falls in decides. */
    bands: z.array(NumberBand).default([]),
    ifUnknown: Outcome.optional(),
  })
  .strict();
export const FreeTextQuestion = z.object({ ...common, type: z.literal('free-text'), maxLength: z.number().int().min(1).max(2000) }).strict();

export const Question = z.discriminatedUnion('type', [YesNoQuestion, SingleChoiceQuestion, MultiChoiceQuestion, NumberQuestion, FreeTextQuestion]);
export type Question = z.infer<typeof Question>;
export type QuestionType = Question['type'];
export const QUESTION_TYPES = ['yes-no', 'single-choice', 'multi-choice', 'number', 'free-text'] as const satisfies readonly QuestionType[];

/** Every outcome a question can reach, with a label saying which answer reaches it (for checks and tooling). */
export function questionOutcomes(q: Question): { readonly answer: string; readonly outcome: Outcome }[] {
  switch (q.type) {
    case 'yes-no':
      return [{ answer: 'yes', outcome: q.onYes }];
    case 'single-choice':
    case 'multi-choice':
      return [
        ...q.options.flatMap((o) => (o.outcome ? [{ answer: `option ${o.id}`, outcome: o.outcome }] : [])),
        ...(q.ifUnknown ? [{ answer: 'unknown', outcome: q.ifUnknown }] : []),
      ];
    case 'number':
      return [
        ...q.bands.map((b, i) => ({ answer: `band ${i}`, outcome: b.outcome })),
        ...(q.ifUnknown ? [{ answer: 'unknown', outcome: q.ifUnknown }] : []),
      ];
    case 'free-text':
      return [];
  }
}

/** Conditions care advice may be limited by: the setting of the call, never an answer (advice has no place in the order). */
const ADVICE_CONDITION_TYPES = ['state', 'zip', 'timeOfDay', 'afterHours', 'callerRole', 'pregnancy', 'sex', 'ageMonths'] as const;

/**
 * A block of care advice. `ageBands` (optional) limits it to patients of those bands: advice written for babies
 * is not read to an adult. `onlyWhen` (optional) adds local or situational advice, e.g. a city's own poison
 * center: the block is offered only when every condition is KNOWN to hold. Unlike a question's `enableWhen`, an
 * unknown input does not count, so such a block must only add to advice that covers everyone (the national
 * number). Without either the block applies to every patient the protocol is written for.
 */
export const CareAdviceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    ageBands: z.array(AgeBandSchema).min(1).optional(),
    onlyWhen: z
      .array(Condition)
      .min(1)
      .refine((cs) => cs.every((c) => (ADVICE_CONDITION_TYPES as readonly string[]).includes(c.type)), {
        message: `care advice may only be limited by ${ADVICE_CONDITION_TYPES.join(', ')}`,
      })
      .optional(),
  })
  .strict();
export type CareAdviceContent = z.infer<typeof CareAdviceSchema>;

const Source = z.object({ title: z.string(), url: z.string().url() }).strict();

export const Protocol = z
  .object({
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    status: z.enum(['draft', 'active', 'retired']),
    kind: z.enum(['red-flag-screen', 'symptom']),
    title: z.string().min(1),
    disclaimer: z.string().min(1),
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    author: z.string().min(1),
    reviewer: z.string().min(1),
    sources: z.array(Source).min(1),
    audience: z.object({ ageBands: z.array(AgeBandSchema).min(1), label: z.string() }).strict(),
    /** What the protocol covers, in a sentence or two. */
    definition: z.string().min(1).optional(),
    /** Synonyms and lay words a caller might use (for search). */
    searchTerms: z.array(z.string().min(1)).optional(),
    questions: z.array(Question).min(1),
    /** Outcome when no question decided. A red-flag screen has none: it passes on to the protocol. */
    fallback: DispositionOutcome.nullable(),
    careAdvice: z.array(CareAdviceSchema).default([]),
    /** Care advice tied to a disposition: added to the outcome's own advice whenever that disposition is reached. */
    dispositionAdvice: z.partialRecord(DispositionIdSchema, z.array(z.string())).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const adviceIds = new Set(p.careAdvice.map((a) => a.id));
    const earlier = new Map<string, Question>();
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const checkOutcome = (outcome: Outcome, path: (string | number)[]) => {
      if (isLinkOutcome(outcome)) {
        if (outcome.goTo === p.id) issue(path, `links to its own protocol ${p.id}`);
        if (p.kind === 'red-flag-screen') issue(path, 'a red-flag screen only escalates; it cannot link to another protocol');
        return;
      }
      for (const a of outcome.careAdviceIds) if (!adviceIds.has(a)) issue(path, `unknown care advice ${a}`);
    };
    p.questions.forEach((q, i) => {
      const at = ['questions', i];
      if (earlier.has(q.id)) issue([...at, 'id'], `duplicate question id ${q.id}`);
      q.enableWhen.forEach((c, j) => {
        const where = [...at, 'enableWhen', j];
        if (c.type === 'answered' || c.type === 'choice' || c.type === 'number') {
          const ref = earlier.get(c.params.questionId);
          if (!ref) return issue(where, `refers to ${c.params.questionId}, which is not asked before it`);
          if (c.type === 'answered' && ref.type !== 'yes-no') issue(where, `'answered' needs a yes-no question; ${ref.id} is ${ref.type}`);
          if (c.type === 'number' && ref.type !== 'number') issue(where, `'number' needs a number question; ${ref.id} is ${ref.type}`);
          if (c.type === 'choice') {
            if (ref.type !== 'single-choice' && ref.type !== 'multi-choice') return issue(where, `'choice' needs a choice question; ${ref.id} is ${ref.type}`);
            for (const o of c.params.in) if (!ref.options.some((x) => x.id === o)) issue(where, `${ref.id} has no option ${o}`);
          }
        }
        if ((c.type === 'number' || c.type === 'ageMonths') && c.params.atLeast !== undefined && c.params.below !== undefined && c.params.atLeast >= c.params.below) {
          issue(where, `atLeast ${c.params.atLeast} must be below ${c.params.below}`);
        }
      });
      earlier.set(q.id, q);
      if (q.type === 'yes-no') checkOutcome(q.onYes, [...at, 'onYes']);
      if (q.type === 'single-choice' || q.type === 'multi-choice') {
        const ids = new Set<string>();
        q.options.forEach((o, j) => {
          if (ids.has(o.id)) issue([...at, 'options', j, 'id'], `duplicate option id ${o.id}`);
          ids.add(o.id);
          if (o.outcome) checkOutcome(o.outcome, [...at, 'options', j, 'outcome']);
        });
      }
      if ((q.type === 'single-choice' || q.type === 'multi-choice' || q.type === 'number') && q.ifUnknown) checkOutcome(q.ifUnknown, [...at, 'ifUnknown']);
      if (q.type === 'number') {
        if (q.min >= q.max) issue([...at, 'min'], `min ${q.min} must be below max ${q.max}`);
        q.bands.forEach((b, j) => {
          if (b.atLeast !== undefined && b.below !== undefined && b.atLeast >= b.below) issue([...at, 'bands', j], `atLeast ${b.atLeast} must be below ${b.below}`);
          checkOutcome(b.outcome, [...at, 'bands', j, 'outcome']);
        });
      }
    });
    if (p.fallback) checkOutcome(p.fallback, ['fallback']);
    for (const [id, advice] of Object.entries(p.dispositionAdvice ?? {})) {
      for (const a of advice ?? []) if (!adviceIds.has(a)) issue(['dispositionAdvice', id], `unknown care advice ${a}`);
    }
    if (p.kind === 'symptom' && p.fallback === null) issue(['fallback'], 'a symptom protocol needs a fallback outcome');
  });
export type Protocol = z.infer<typeof Protocol>;

export const ProtocolRequest = z.object({ id: Id }).strict();
