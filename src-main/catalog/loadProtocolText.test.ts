import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from './jsonSyntaxProblem';
import { loadProtocolBytes, loadProtocolText, PROTOCOL_FILE_LIMITS, type ProtocolLoadResult } from './loadProtocolText';

const builtInDir = resolve(__dirname, '../../resources/protocols');
const feverText = readFileSync(join(builtInDir, 'fever.json'), 'utf8');
const fever = (): Record<string, unknown> & { questions: Record<string, unknown>[] } => JSON.parse(feverText) as ReturnType<typeof fever>;

function problemsOf(result: ProtocolLoadResult): readonly string[] {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

describe('loadProtocolText', () => {
  it('accepts every shipped protocol', () => {
    for (const file of readdirSync(builtInDir).filter((f) => f.endsWith('.json'))) {
      const result = loadProtocolText(file, readFileSync(join(builtInDir, file), 'utf8'));
      expect(result.ok ? [] : result.problems, file).toEqual([]);
    }
  });

  it('accepts a byte-order mark and UTF-8 bytes', () => {
    expect(loadProtocolText('fever.json', `\uFEFF${feverText}`).ok).toBe(true);
    expect(loadProtocolBytes('fever.json', new TextEncoder().encode(feverText)).ok).toBe(true);
  });

  it('renders schema issues as "file: path: message", quoting what the author wrote', () => {
    const p = fever();
    p.questions[1]!.onYes = { ...(p.questions[1]!.onYes as object), disposition: 'er-maybe' };
    p.questions[2]!.onYes = { ...(p.questions[2]!.onYes as object), disposition: { officeHours: 'ed-now', afterHours: 'soon' } };
    delete p.title;
    p.version = 3;
    p.colour = 'blue';
    expect(problemsOf(loadProtocolText('fever.json', JSON.stringify(p)))).toEqual([
      'fever.json: version: expected string, found 3',
      'fever.json: title: required field is missing (expected string)',
      expect.stringMatching(/^fever\.json: questions\[1\]\.onYes\.disposition: Invalid option: expected one of "call-911"\|.*\(found "er-maybe"\)$/),
      expect.stringMatching(/^fever\.json: questions\[2\]\.onYes\.disposition\.afterHours: Invalid option: .*\(found "soon"\)$/),
      'fever.json: (top level): unknown field "colour" (misspelled, or not part of this protocol format)',
    ]);
  });

  it('names unknown vocabulary and the vocabulary this version knows', () => {
    const p = fever();
    p.questions[0]!.enableWhen = [{ type: 'zipCode', params: { in: ['10001'] } }, { params: {} }];
    expect(problemsOf(loadProtocolText('fever.json', JSON.stringify(p)))).toEqual([
      'fever.json: questions[0].enableWhen[0].type: unknown type "zipCode"; this version of Careline knows ageBand, afterHours, sex, answered, choice, number, ageMonths, pregnancy, state, zip, timeOfDay, callerRole',
      'fever.json: questions[0].enableWhen[1].type: missing "type"; this version of Careline knows ageBand, afterHours, sex, answered, choice, number, ageMonths, pregnancy, state, zip, timeOfDay, callerRole',
    ]);
  });

  it('reports the content rules of the schema: duplicate question ids, unknown care advice', () => {
    const p = fever();
    p.questions[1]!.id = p.questions[0]!.id as string;
    p.questions[2]!.onYes = { ...(p.questions[2]!.onYes as object), careAdviceIds: ['no-such-advice'] };
    const problems = problemsOf(loadProtocolText('fever.json', JSON.stringify(p))).join('\n');
    expect(problems).toContain(`fever.json: questions[1].id: duplicate question id ${p.questions[0]!.id as string}`);
    expect(problems).toContain('fever.json: questions[2].onYes: unknown care advice no-such-advice');
  });

  it('caps the number of problems listed and says how many were left out', () => {
    const problems = problemsOf(loadProtocolText('x.json', '{}'));
    expect(problems).toHaveLength(PROTOCOL_FILE_LIMITS.maxProblems + 1);
    expect(problems.at(-1)).toMatch(/^x\.json: and \d+ more problems; fix the ones above first$/);
  });

  it('refuses files over 1 MiB, invalid UTF-8 and deep nesting before parsing them', () => {
    expect(problemsOf(loadProtocolText('big.json', ' '.repeat(PROTOCOL_FILE_LIMITS.maxBytes + 1)))[0]).toMatch(/^big\.json: 1048577 bytes is larger than the 1048576 byte \(1 MiB\) limit/);
    // Under the limit in characters, over it in UTF-8 bytes.
    expect(problemsOf(loadProtocolText('wide.json', 'é'.repeat(PROTOCOL_FILE_LIMITS.maxBytes / 2 + 1)))[0]).toMatch(/larger than/);
    expect(problemsOf(loadProtocolBytes('latin1.json', Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])))).toEqual(['latin1.json: not UTF-8 text; save the file as UTF-8 JSON']);
    expect(problemsOf(loadProtocolText('deep.json', '['.repeat(100_000)))[0]).toBe('deep.json: not valid JSON: line 1, column 33: nested deeper than 32 levels; protocols are never that deep');
  });

  it('keeps hostile file names printable and short, keeping their end', () => {
    const [problem] = problemsOf(loadProtocolText(`${'dir/'.repeat(100)}evil\u001b[31m.json`, ''));
    expect(problem).toMatch(/^….*evil\?\[31m\.json: not valid JSON/);
    expect(problem!.indexOf(':')).toBeLessThanOrEqual(160);
  });
});

describe('jsonSyntaxProblem', () => {
  it.each([
    ['{"a": 1,\n  "b": }', 'line 2, column 8: expected a value (object, array, string, number, true, false or null) but found \'}\''],
    ['{"a": 1,}', "line 1, column 9: trailing comma before '}' (JSON does not allow one)"],
    ['[1, 2,]', "line 1, column 7: trailing comma before ']' (JSON does not allow one)"],
    ['{"a": 1\n "b": 2}', "line 2, column 2: expected ',' or '}' after a property value but found '\"' (a missing comma?)"],
    ["{'a': 1}", 'line 1, column 2: expected a property name in double quotes but found \'\'\''],
    ['{"a": \'x\'}', 'line 1, column 7: strings need double quotes ("), not single quotes (\')'],
    ['// comment\n{}', 'line 1, column 1: comments are not allowed in JSON'],
    ['{"a": "open', 'line 1, column 7: this string is never closed (a missing ")'],
    ['{"a": "\\q"}', 'line 1, column 8: invalid escape \\q in a string'],
    ['{"a": 01}', "line 1, column 8: expected ',' or '}' after a property value but found '1' (a missing comma?)"],
    ['{"a": -}', 'line 1, column 7: malformed number'],
    ['  ', 'line 1, column 3: the file is empty; a protocol is one JSON object'],
    ['{} {}', "line 1, column 4: unexpected '{' after the end of the JSON document"],
  ])('%j -> %s', (text, expected) => {
    expect(jsonSyntaxProblem(text, 32)).toBe(expected);
  });

  it('agrees with JSON.parse on valid JSON', () => {
    for (const text of ['{}', '[]', '"\\u00e9\\n"', '-0.5e+10', 'true', 'null', '{"a": [1, {"b": false}], "c": "\\""}', feverText]) {
      expect(jsonSyntaxProblem(text, 32), text).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });
});
