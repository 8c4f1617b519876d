import type { Transport } from 'sip.js';
import type { Logger } from '../../log/logger';

/**
 * Watches the SIP transport at the wire: counts REGISTER requests in flight (a REGISTER is in flight from the
 * moment it is sent until a final response with its CSeq arrives) so tests and benchmarks can prove we never
 * send two at once; and shields the user agent from messages that make sip.js throw (a malformed message
 * must not take the phone down). Reads only start lines and CSeq, never bodies or identities.
 */
export class WireMonitor {
  registersSent = 0;
  maxRegistersInFlight = 0;
  droppedMessages = 0;
  /** Final refusals of our INVITEs / re-INVITEs by status (491 = glare), for tests and diagnostics. */
  readonly inviteRefusals = new Map<number, number>();
  private readonly inFlight = new Set<string>();
  private readonly sentAt = new Map<string, number>();
  /** Time from sending a REGISTER to its 200 OK, in ms (benchmarks read these). */
  readonly registerDelaysMs: number[] = [];

  attach(transport: Transport, logger: Logger): void {
    const send = transport.send.bind(transport);
    transport.send = (message: string) => {
      if (message.startsWith('REGISTER ')) {
        const cseq = cseqOf(message);
        if (cseq) {
          this.inFlight.add(cseq);
          this.sentAt.set(cseq, performance.now());
          this.registersSent += 1;
          this.maxRegistersInFlight = Math.max(this.maxRegistersInFlight, this.inFlight.size);
        }
      }
      return send(message);
    };
    const receive = transport.onMessage;
    transport.onMessage = (message: string) => {
      if (message.startsWith('SIP/2.0 ')) {
        const status = Number(message.slice(8, 11));
        const cseq = cseqOf(message);
        // 401/407 are digest challenges, answered at once by sip.js: not refusals.
        if (status >= 300 && status !== 401 && status !== 407 && cseq?.endsWith(' INVITE')) this.inviteRefusals.set(status, (this.inviteRefusals.get(status) ?? 0) + 1);
        if (status >= 200 && cseq?.endsWith(' REGISTER') && this.inFlight.delete(cseq)) {
          const sent = this.sentAt.get(cseq);
          this.sentAt.delete(cseq);
          if (status === 200 && sent !== undefined) this.registerDelaysMs.push(performance.now() - sent);
        }
      }
      try {
        receive?.(message);
      } catch {
        this.droppedMessages += 1;
        logger.log('warn', 'sip.message-dropped', {});
      }
    };
  }

  /** A lost connection loses its transactions: nothing is in flight on a new one. */
  reset(): void {
    this.inFlight.clear();
    this.sentAt.clear();
  }
}

function cseqOf(message: string): string | null {
  const match = /\r\n(?:CSeq|cseq):\s*(\d+\s+[A-Z]+)/i.exec(message);
  return match ? match[1]!.replace(/\s+/, ' ').toUpperCase() : null;
}
