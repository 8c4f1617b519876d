/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Reading and parsing HTTP request bodies for the demo FHIR server, with a size limit. Every failure is a
 * typed value the server turns into an OperationOutcome (400/413/415): a bad request must never crash the
 * process that also runs the agent's workstation.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly message: string; readonly closeConnection: boolean };

/** Past the limit we still read (and drop) this much, so the client sees our 413 rather than a reset. */
const DRAIN_ALLOWANCE_BYTES = 64 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (/xml|form|multipart/.test(type)) {
    await drain(req, DRAIN_ALLOWANCE_BYTES);
    return { ok: false, status: 415, message: `Unsupported Content-Type "${type}": the demo EHR reads JSON (application/fhir+json).`, closeConnection: false };
  }
  const text = await readBodyText(req, maxBytes);
  if (!text.ok) return text;
  if (text.value.trim() === '') return { ok: false, status: 400, message: 'The request needs a JSON body.', closeConnection: false };
  try {
    return { ok: true, value: JSON.parse(text.value) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.', closeConnection: false };
  }
}

/** The body as UTF-8 text, refusing more than `maxBytes` (413) whether announced or streamed. */
export async function readBodyText(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ readonly ok: true; readonly value: string } | Extract<BodyResult, { ok: false }>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    const drained = await drain(req, DRAIN_ALLOWANCE_BYTES);
    return { ok: false, status: 413, message: `Request body of ${declared} bytes exceeds the ${maxBytes}-byte limit.`, closeConnection: !drained };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  let drainedBytes = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (tooLarge) {
        drainedBytes += chunk.length;
        if (drainedBytes > DRAIN_ALLOWANCE_BYTES) {
          req.destroy();
          break;
        }
        continue;
      }
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        continue;
      }
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, status: 400, message: 'The request body could not be read.', closeConnection: true };
  }
  if (tooLarge) return { ok: false, status: 413, message: `Request body exceeds the ${maxBytes}-byte limit.`, closeConnection: true };
  return { ok: true, value: Buffer.concat(chunks).toString('utf8') };
}

/** Reads and discards the body, up to `limit` bytes; false when it gave up (the connection must close). */
async function drain(req: IncomingMessage, limit: number): Promise<boolean> {
  let seen = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > limit) {
        req.destroy();
        return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}
