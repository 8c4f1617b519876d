/**
 * A strict JSON syntax check that says where a file is broken, by line and column, in words a content author
 * can act on ("trailing comma", "comments are not allowed"), and refuses nesting deeper than a limit before
 * anything is built from the text. JSON.parse's own messages differ by Node version and often carry no
 * position, so the loader runs this first and only parses text that passed.
 *
 * Recursive descent, bounded by `maxDepth`, so hostile nesting cannot exhaust the stack.
 */
export function jsonSyntaxProblem(text: string, maxDepth: number): string | null {
  try {
    const scanner = new Scanner(text, maxDepth);
    scanner.document();
    return null;
  } catch (error) {
    if (error instanceof SyntaxProblem) {
      const { line, column } = lineAndColumn(text, error.index);
      return `line ${line}, column ${column}: ${error.message}`;
    }
    throw error;
  }
}

/** 1-based line and column of a UTF-16 index, as editors count them. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

class SyntaxProblem extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Scanner {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): void {
    this.space();
    if (this.i >= this.text.length) this.fail('the file is empty; a protocol is one JSON object');
    this.value(1);
    this.space();
    if (this.i < this.text.length) this.fail(`unexpected ${describeChar(this.text[this.i])} after the end of the JSON document`);
  }

  private fail(message: string, at = this.i): never {
    throw new SyntaxProblem(at, message);
  }

  private space(): void {
    for (;;) {
      const ch = this.text[this.i];
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') this.i++;
      else if (ch === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*')) this.fail('comments are not allowed in JSON');
      else return;
    }
  }

  private value(depth: number): void {
    const ch = this.text[this.i];
    if (ch === '{' || ch === '[') {
      if (depth > this.maxDepth) this.fail(`nested deeper than ${this.maxDepth} levels; protocols are never that deep`);
      if (ch === '{') this.object(depth);
      else this.array(depth);
    } else if (ch === '"') this.string();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.number();
    else if (this.text.startsWith('true', this.i)) this.i += 4;
    else if (this.text.startsWith('false', this.i)) this.i += 5;
    else if (this.text.startsWith('null', this.i)) this.i += 4;
    else if (ch === "'") this.fail("strings need double quotes (\"), not single quotes (')");
    else this.fail(`expected a value (object, array, string, number, true, false or null) but found ${describeChar(ch)}`);
  }

  private object(depth: number): void {
    if (this.opened('}')) return;
    for (;;) {
      this.space();
      const ch = this.text[this.i];
      if (ch === '}') this.fail("trailing comma before '}' (JSON does not allow one)");
      if (ch !== '"') this.fail(`expected a property name in double quotes but found ${describeChar(ch)}`);
      this.string();
      this.space();
      if (this.text[this.i] !== ':') this.fail(`expected ':' after the property name but found ${describeChar(this.text[this.i])}`);
      this.i++;
      this.space();
      this.value(depth + 1);
      if (this.closed('}', 'a property value')) return;
    }
  }

  private array(depth: number): void {
    if (this.opened(']')) return;
    for (;;) {
      this.space();
      if (this.text[this.i] === ']') this.fail("trailing comma before ']' (JSON does not allow one)");
      this.value(depth + 1);
      if (this.closed(']', 'an array element')) return;
    }
  }

  /** Past the opening bracket; true when the container is empty and already closed. */
  private opened(close: '}' | ']'): boolean {
    this.i++;
    this.space();
    if (this.text[this.i] !== close) return false;
    this.i++;
    return true;
  }

  /** After a member: ',' continues (false), the closing bracket ends the container (true). */
  private closed(close: '}' | ']', member: string): boolean {
    this.space();
    const ch = this.text[this.i];
    if (ch === ',') {
      this.i++;
      return false;
    }
    if (ch !== close) this.fail(`expected ',' or '${close}' after ${member} but found ${describeChar(ch)} (a missing comma?)`);
    this.i++;
    return true;
  }

  private string(): void {
    const start = this.i;
    this.i++; // "
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) this.fail('this string is never closed (a missing ")', start);
      if (ch === '"') {
        this.i++;
        return;
      }
      if (ch.charCodeAt(0) < 0x20) this.fail(`${describeChar(ch)} inside a string; write line breaks as \\n`);
      if (ch === '\\') {
        const escaped = this.text[this.i + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail('\\u must be followed by four hexadecimal digits');
          this.i += 6;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) this.fail(`invalid escape \\${escaped ?? ''} in a string`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('malformed number');
    this.i += match[0].length;
  }
}
