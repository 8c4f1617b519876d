import {
  type ContractError,
  type InvokeChannel,
  type InvokeResponse,
  type ParsedRequest,
  type Result,
  invokeContract,
  isInvokeChannel,
} from '../../src-preload/contract';
import type { Logger } from '../log/logger';

/** Who is asking: filled in by the transport after it has checked the sender (frame or token). */
export interface RequestContext {
  readonly transport: 'electron' | 'web-host' | 'test';
}

/** An error a handler throws on purpose; its message is shown to the agent, so it must not hold PHI. */
export class ContractFailure extends Error {
  constructor(
    readonly code: ContractError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
}

export type Handler<C extends InvokeChannel> = (
  request: ParsedRequest<C>,
  context: RequestContext,
) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

export type Handlers = { [C in InvokeChannel]: Handler<C> };

/**
 * The one entry point for every request from a renderer, whatever the transport. It checks the channel is
 * in the contract, parses the payload with the channel's zod schema, runs the handler and turns every
 * failure into a typed error value. Logs carry the channel and the error code, never the payload.
 */
export class ContractRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
  ) {}

  async handle(channel: unknown, payload: unknown, context: RequestContext): Promise<Result<unknown>> {
    if (!isInvokeChannel(channel)) {
      this.logger.log('warn', 'ipc.unknown-channel', { transport: context.transport });
      return fail('unknown-channel', 'This request is not part of the Careline contract.');
    }
    const schema = invokeContract[channel].request;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      // Paths name the offending fields without echoing their values.
      const fieldPaths = parsed.error.issues.map((i) => i.path.join('.')).slice(0, 5);
      const paths = fieldPaths.map((p) => p || '(root)').join(',');
      // The log keeps only characters scrubFields accepts (',' and '()' would get the whole list redacted).
      const logged = fieldPaths.map((p) => p || 'root').join('/').replace(/[^A-Za-z0-9_./-]/g, '').slice(0, 80);
      this.logger.log('warn', 'ipc.invalid-payload', { channel, fields: logged });
      return fail('invalid-payload', `Invalid request for ${channel}: check ${paths}.`);
    }
    const started = performance.now();
    try {
      const handler = this.handlers[channel] as Handler<InvokeChannel>;
      const value = await handler(parsed.data as never, context);
      this.logger.log('debug', 'ipc.ok', { channel, ms: Math.round(performance.now() - started) });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ContractFailure) {
        this.logger.log('info', 'ipc.failure', { channel, code: error.code });
        return fail(error.code, error.message);
      }
      this.logger.log('error', 'ipc.internal-error', { channel, error: error instanceof Error ? error.name : 'unknown' });
      return fail('internal', 'Something went wrong in Careline. Your work is kept; please try again.');
    }
  }
}

function fail(code: ContractError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
