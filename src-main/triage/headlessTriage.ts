/**
 * Headless triage (issue 3 §6): what the caller said + age, sex, time and place -> the protocol, each
 * question with its answer and where it came from, the disposition and the care advice. Pure and
 * deterministic: no clock, no files, no console; the CLI (triageCli.ts) and the vignette set supply content.
 *
 * Architecture (decided by the lead): the interview engine and the symptom checker are pure TypeScript that
 * live in the renderer tree (src-renderer/src/features/{interview,symptom-checker}/engine) because the UI is
 * their main user. Headless triage must run exactly that code, never a second copy of the logic, so this
 * module imports the two engine index files; eslint.config.mjs allows src-main/triage/** those imports only,
 * and keeps every engine file free of React, the DOM and Node.
 */
import { createActor } from 'xstate';
import {
  ageBandOf,
  disposition as dispositionInfo,
  officeHoursAt,
  protocolLinks,
  type AgeBand,
  type AnswerSource,
  type DispositionId,
  type Protocol,
  type ServiceLine,
} from '../../src-preload/contract';
import {
  answerProblem,
  compileInterview,
  interviewInputProblems,
  readInterview,
  type CallerRole,
  type InterviewInput,
  type InterviewSex,
} from '../../src-renderer/src/features/interview/engine';
import { checkSymptoms, type CompiledLexicon, type SymptomCheck } from '../../src-renderer/src/features/symptom-checker/engine';
import { resolveAnswers } from './answersFile';
import { chooseAnswer, uncertainRedFlagQuestions, type ChosenAnswer } from './chooseAnswer';
import { describeRedFlags } from './describeRedFlags';
import { instantOfSiteLocal, siteLocalText } from './siteLocalTime';
import { stateForZip } from './zipState';

export const DEMO_NOTICE = 'Demonstration content, not for clinical use.';
export const ADULT_LINE_ID = 'adult-primary-care';
export const PEDIATRIC_LINE_ID = 'pediatrics';
const MAX_AGE_YEARS = 130;

export interface HeadlessTriageRequest {
  /** Completed years, or completed months (for babies: `--age-months 5`). */
  readonly age: { readonly years: number } | { readonly months: number };
  readonly sex: InterviewSex;
  /** What the caller said, as the agent would type it. */
  readonly say: string;
  /** The answers file: { "<protocolId>/<questionId>" | "<questionId>": "yes" | "no" }. */
  readonly answers?: Readonly<Record<string, unknown>>;
  /** Site-local time of the service line ("2026-11-22T22:30") or an instant (the CLI passes `new Date()`). */
  readonly at: string | Date;
  readonly zip?: string;
  /** Service line id; default pediatrics under 18, else adult-primary-care. */
  readonly lineId?: string;
  /** Who is calling; default a parent for a patient under 13, else the patient. */
  readonly callerRole?: CallerRole;
}

export interface TriageContent {
  /** Every installed protocol: red-flag screens and symptom protocols. */
  readonly protocols: readonly Protocol[];
  readonly lexicon: CompiledLexicon;
  readonly serviceLines: readonly ServiceLine[];
}

export interface TriageFinding {
  readonly id: string;
  readonly label: string;
  readonly status: 'present' | 'absent' | 'uncertain';
  readonly redFlag: boolean;
  /** The words that matched, once each, in order ("chset pain"). */
  readonly words: readonly string[];
  /** The negation or uncertainty cue that set the status ("denies"), when one did. */
  readonly cue: string | null;
  readonly temperature: { readonly value: number; readonly unit: 'F' | 'C' } | null;
  readonly durationHours: number | null;
}

export interface TriageRedFlag {
  readonly findingId: string;
  readonly label: string;
  readonly status: 'present' | 'uncertain';
  readonly words: string;
  /** Red-flag screen questions (`protocolId/questionId`) this finding answers. */
  readonly questions: readonly string[];
  /** What headless triage did with it, in words. */
  readonly handling: string;
}

export interface TriageQuestion {
  readonly key: string;
  readonly protocolId: string;
  readonly questionId: string;
  readonly text: string;
  readonly answer: 'yes' | 'no' | 'not-asked' | 'unknown' | 'value';
  /** The answer as a person reads it ("102.5 °F", "Suddenly", "Caller did not know"). */
  readonly display: string;
  /** Where the answer came from; null when not asked (its enableWhen did not hold). */
  readonly source: AnswerSource | null;
  /** Why this answer: the caller's words, the file, the safety rule, the default, or why it was skipped. */
  readonly note: string;
}

/** Context shared by every outcome that got past argument checks. */
export interface TriageSetting {
  readonly notice: string;
  readonly patient: { readonly ageBand: AgeBand; readonly ageYears: number; readonly ageMonths: number; readonly sex: InterviewSex };
  readonly serviceLine: { readonly id: string; readonly name: string; readonly timeZone: string };
  readonly time: { readonly local: string; readonly instant: string; readonly afterHours: boolean; readonly hoursBecause: string };
  /** Null when no --zip was given; state null when the prefix is unassigned. */
  readonly location: { readonly zip: string; readonly state: string | null } | null;
  /**
   * The where-and-when inputs the interview branched on (age in months, state, ZIP, site-local time; the engine
   * reads the time as HH:MM), for readers of the JSON output.
   */
  readonly passThrough: { readonly ageMonths: number; readonly state: string | null; readonly zip: string | null; readonly localTime: string };
  readonly findings: readonly TriageFinding[];
  readonly redFlags: readonly TriageRedFlag[];
  readonly warnings: readonly string[];
}

export interface TriagedResult extends TriageSetting {
  readonly outcome: 'triaged';
  readonly protocol: {
    readonly id: string;
    readonly version: string;
    readonly title: string;
    readonly score: number;
    readonly explanation: string;
    /** The next eligible protocols the checker ranked, best first (at most 3). */
    readonly alternatives: readonly { readonly id: string; readonly score: number }[];
  };
  /** The protocols asked, in order: red-flag screens first. */
  readonly interview: readonly { readonly id: string; readonly version: string }[];
  readonly questions: readonly TriageQuestion[];
  readonly disposition: {
    readonly id: DispositionId;
    readonly label: string;
    /** Urgency rank on the one scale: 0 is the most urgent. */
    readonly rank: number;
    readonly because: string;
    readonly script: string;
  };
  readonly careAdvice: readonly { readonly id: string; readonly title: string; readonly text: string }[];
}

export interface NoProtocolResult extends TriageSetting {
  readonly outcome: 'no-protocol';
  readonly message: string;
}

export interface InvalidRequestResult {
  readonly outcome: 'invalid-request';
  readonly problems: readonly string[];
}

export type HeadlessTriageResult = TriagedResult | NoProtocolResult | InvalidRequestResult;

interface Patient {
  readonly ageBand: AgeBand;
  readonly ageYears: number;
  readonly ageMonths: number;
}

function patientOf(age: HeadlessTriageRequest['age']): Patient | string {
  const months = 'months' in age ? age.months : age.years * 12;
  const given = 'months' in age ? age.months : age.years;
  const limit = 'months' in age ? MAX_AGE_YEARS * 12 : MAX_AGE_YEARS;
  if (!Number.isInteger(given) || given < 0 || given > limit) {
    return `${'months' in age ? '--age-months' : '--age'} must be a whole number from 0 to ${limit}, not ${String(given)}`;
  }
  const years = Math.floor(months / 12);
  return { ageBand: ageBandOf({ years, months }), ageYears: years, ageMonths: months };
}

function findingsOf(check: SymptomCheck): TriageFinding[] {
  return check.findings.map((f) => ({
    id: f.id,
    label: f.label,
    status: f.status,
    redFlag: f.redFlag,
    words: [...new Set(f.mentions.map((m) => m.evidence.text))],
    cue: f.mentions.find((m) => m.cue !== null)?.cue?.text ?? null,
    temperature: f.value ? { value: f.value.value, unit: f.value.unit } : null,
    durationHours: f.duration?.hours ?? null,
  }));
}

interface SettingParts {
  readonly patient: Patient;
  readonly line: ServiceLine;
  readonly instant: Date;
  readonly location: TriageSetting['location'];
}

function settingParts(request: HeadlessTriageRequest, content: TriageContent): SettingParts | string[] {
  const problems: string[] = [];
  const patient = patientOf(request.age);
  if (typeof patient === 'string') problems.push(patient);
  const lineId = request.lineId ?? (typeof patient !== 'string' && patient.ageYears < 18 ? PEDIATRIC_LINE_ID : ADULT_LINE_ID);
  const line = content.serviceLines.find((l) => l.id === lineId);
  if (!line) problems.push(`unknown service line "${lineId}"; known: ${content.serviceLines.map((l) => l.id).join(', ')}`);
  let instant: Date | null = null;
  if (line) {
    if (typeof request.at === 'string') {
      const parsed = instantOfSiteLocal(request.at, line.timeZone);
      if (parsed.ok) instant = parsed.instant;
      else problems.push(parsed.problem);
    } else if (Number.isNaN(request.at.getTime())) problems.push('the triage time is not a valid date');
    else instant = request.at;
  }
  let location: TriageSetting['location'] = null;
  if (request.zip !== undefined) {
    const zip = stateForZip(request.zip);
    if (zip.ok) location = { zip: zip.zip, state: zip.state };
    else problems.push(zip.problem);
  }
  if (!request.say.trim()) problems.push('--say needs the words the caller used');
  if (problems.length > 0 || typeof patient === 'string' || !line || !instant) return problems;
  return { patient, line, instant, location };
}

type Setting = Omit<TriageSetting, 'redFlags' | 'warnings'>;

function settingOf(parts: SettingParts, sex: InterviewSex, callerRole: CallerRole | undefined, check: SymptomCheck): Setting & { readonly input: InterviewInput } {
  const { patient, line, instant, location } = parts;
  const hours = officeHoursAt(line.hours, line.timeZone, instant);
  const local = siteLocalText(instant, line.timeZone);
  return {
    notice: DEMO_NOTICE,
    patient: { ...patient, sex },
    serviceLine: { id: line.id, name: line.name, timeZone: line.timeZone },
    time: { local, instant: instant.toISOString(), afterHours: !hours.open, hoursBecause: hours.because },
    location,
    passThrough: { ageMonths: patient.ageMonths, state: location?.state ?? null, zip: location?.zip ?? null, localTime: local },
    findings: findingsOf(check),
    input: {
      ageBand: patient.ageBand,
      sex,
      afterHours: !hours.open,
      hoursBecause: hours.because,
      ageMonths: patient.ageMonths,
      state: location?.state ?? null,
      zip: location?.zip ?? null,
      localTime: local.slice(11, 16),
      callerRole: callerRole ?? (patient.ageYears < 13 ? 'parent' : 'self'),
      // Pregnancy stays 'unknown' (conditions on it hold, so the question is asked): words are not enough.
    },
  };
}

function withLinkedProtocols(protocols: readonly Protocol[], resolve: (id: string) => Protocol | undefined): Protocol[] {
  const out = [...protocols];
  for (let i = 0; i < out.length; i += 1) {
    for (const link of protocolLinks(out[i]!)) {
      const target = resolve(link.to);
      if (target && !out.includes(target)) out.push(target);
    }
  }
  return out;
}

type InterviewRun =
  | { readonly ok: true; readonly view: ReturnType<typeof readInterview>; readonly notes: Map<string, string> }
  | { readonly ok: false; readonly problem: string };

/**
 * Drive the compiled interview to a disposition, answering each question reached. Links to other protocols
 * are followed through `resolve` (the installed library). An answer the engine would refuse (an option that
 * does not exist, a number out of range) is reported, never sent: the engine would just stay on the question.
 */
function interview(
  protocols: readonly Protocol[],
  resolve: (id: string) => Protocol | undefined,
  input: InterviewInput,
  at: number,
  choose: (question: NonNullable<ReturnType<typeof readInterview>['current']>) => ChosenAnswer,
): InterviewRun {
  const options = { resolve };
  const actor = createActor(compileInterview(protocols, options), { input });
  actor.start();
  const notes = new Map<string, string>();
  const limit = 1000; // far above any interview: a guard against a content bug, not a clinical limit
  try {
    for (let step = 0; step <= limit; step += 1) {
      const snapshot = actor.getSnapshot();
      const view = readInterview(protocols, snapshot, options);
      if (view.status !== 'asking' || !view.current) return { ok: true, view, notes };
      const key = `${view.current.protocolId}/${view.current.questionId}`;
      const chosen = choose(view.current);
      const problem = answerProblem(protocols, snapshot, chosen.answer, options);
      if (problem) return { ok: false, problem: `${key}: ${problem} (${chosen.note})` };
      notes.set(key, chosen.note);
      actor.send({ type: 'ANSWER', answer: chosen.answer, source: chosen.source, at });
    }
    throw new Error('the interview did not reach a disposition');
  } finally {
    actor.stop();
  }
}

/**
 * Run one headless triage. Never throws for bad input (outcome 'invalid-request' lists what to fix); an
 * engine error on valid content is a bug and does throw.
 */
export function runHeadlessTriage(request: HeadlessTriageRequest, content: TriageContent): HeadlessTriageResult {
  const parts = settingParts(request, content);
  if (Array.isArray(parts)) return { outcome: 'invalid-request', problems: parts };

  const installedProtocolIds = content.protocols.map((p) => p.id);
  const check = checkSymptoms(request.say, content.lexicon, { installedProtocolIds, protocols: content.protocols });
  const { input, ...setting } = settingOf(parts, request.sex, request.callerRole, check);
  const { ageBand } = parts.patient;

  const eligible = check.protocols.filter((r) => {
    const p = content.protocols.find((x) => x.id === r.protocolId);
    return p?.kind === 'symptom' && p.audience.ageBands.includes(ageBand);
  });
  const top = eligible[0];
  const chosen = top ? content.protocols.find((p) => p.id === top.protocolId) : undefined;
  if (!top || !chosen) {
    const { redFlags, warnings } = describeRedFlags(check, null, ageBand);
    const flags = redFlags.length > 0 ? ` Red flags were raised (${redFlags.map((f) => f.label).join(', ')}): escalate to a nurse now.` : '';
    return {
      outcome: 'no-protocol',
      ...setting,
      redFlags,
      warnings,
      message: `No installed symptom protocol for age band ${ageBand} matches these words; a nurse must choose one.${flags}`,
    };
  }

  const protocols = [...content.protocols.filter((p) => p.kind === 'red-flag-screen'), chosen];
  const byId = new Map(content.protocols.map((p) => [p.id, p]));
  const resolve = (id: string) => byId.get(id);
  const inputProblems = interviewInputProblems(protocols, input, { resolve });
  if (inputProblems.length > 0) return { outcome: 'invalid-request', problems: inputProblems };

  // Answers may name questions of a protocol the chosen one links to (transitively): those are in the interview too.
  const answers = resolveAnswers(request.answers ?? {}, withLinkedProtocols(protocols, resolve), content.protocols);
  if (!answers.ok) return { outcome: 'invalid-request', problems: answers.problems };

  const uncertain = uncertainRedFlagQuestions(check);
  const run = interview(protocols, resolve, input, parts.instant.getTime(), (question) => chooseAnswer(question, answers.answers.byKey, uncertain, check));
  if (!run.ok) return { outcome: 'invalid-request', problems: [`answer refused: ${run.problem}`] };
  const { view, notes } = run;
  if (!view.disposition) throw new Error('the interview ended without a disposition');

  const questions: TriageQuestion[] = view.answers.map((a) => {
    const key = `${a.protocolId}/${a.questionId}`;
    return {
      key,
      protocolId: a.protocolId,
      questionId: a.questionId,
      text: a.text,
      answer: a.answer,
      display: a.display ?? a.answer,
      source: a.source,
      note: notes.get(key) ?? `not asked: does not apply (age band ${ageBand}, sex ${request.sex}, ${input.afterHours ? 'after hours' : 'office hours'})`,
    };
  });
  const { redFlags, warnings } = describeRedFlags(check, questions, ageBand);
  if (answers.answers.unused.length > 0) {
    warnings.push(`answers not used (they belong to a protocol not chosen here): ${answers.answers.unused.join(', ')}`);
  }
  const info = dispositionInfo(view.disposition.id);
  return {
    outcome: 'triaged',
    ...setting,
    redFlags,
    warnings,
    protocol: {
      id: chosen.id,
      version: chosen.version,
      title: chosen.title,
      score: top.score,
      explanation: top.explanation,
      alternatives: eligible.slice(1, 4).map((r) => ({ id: r.protocolId, score: r.score })),
    },
    interview: protocols.map((p) => ({ id: p.id, version: p.version })),
    questions,
    disposition: { id: info.id, label: info.label, rank: info.rank, because: view.disposition.because, script: info.script },
    careAdvice: view.careAdvice.map((c) => ({ id: c.id, title: c.title, text: c.text })),
  };
}
