import { z } from 'zod';
import { Uuid } from './common';

/**
 * Media RPC: SIP signaling lives in main (sip.js), but audio lives in the renderer (RTCPeerConnection +
 * getUserMedia). When sip.js needs a session description, main's RendererMediaEngine publishes a
 * `media.request` event; the renderer's media engine does the WebRTC work and answers with `media.respond`.
 * SDP is bounded (a real audio offer is ~1-3 KB) and never logged.
 */
export const Sdp = z.string().min(10).max(64 * 1024);
export const DtmfTones = z.string().regex(/^[0-9A-Da-d#*,]{1,32}$/, 'DTMF tones are 0-9, A-D, * and #');

/**
 * `callId` in a media operation keys one SIP session's media (a transferred call gets new media under a new
 * key); `forCall` names the workstation call it belongs to, so quality and mute show on the right call.
 */
const ForCall = Uuid.nullable().optional();

export const MediaOperation = z.discriminatedUnion('op', [
  /** Make a local offer (new call, hold/resume re-INVITE, or an ICE restart after a network change). */
  z.object({ op: z.literal('create-offer'), callId: Uuid, hold: z.boolean(), iceRestart: z.boolean(), forCall: ForCall }),
  /** Apply the far end's offer and make our answer. */
  z.object({ op: z.literal('create-answer'), callId: Uuid, remoteSdp: Sdp, hold: z.boolean(), forCall: ForCall }),
  /** Apply the far end's answer to our offer. */
  z.object({ op: z.literal('accept-answer'), callId: Uuid, remoteSdp: Sdp }),
  /** Undo our pending offer (the re-INVITE was refused). */
  z.object({ op: z.literal('rollback'), callId: Uuid }),
  /** RFC 4733 telephone-events through RTCDTMFSender; `sent: false` makes main fall back to SIP INFO. */
  z.object({ op: z.literal('send-dtmf'), callId: Uuid, tones: DtmfTones, durationMs: z.number().int().min(40).max(6000) }),
  z.object({ op: z.literal('close'), callId: Uuid }),
]);
export type MediaOperation = z.infer<typeof MediaOperation>;

export const MediaRequest = z.object({ requestId: Uuid, operation: MediaOperation });
export type MediaRequest = z.infer<typeof MediaRequest>;

export const MediaResponse = z
  .object({
    requestId: Uuid,
    result: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), sdp: Sdp.optional(), sent: z.boolean().optional() }).strict(),
      z.object({ ok: z.literal(false), message: z.string().max(500) }).strict(),
    ]),
  })
  .strict();
export type MediaResponse = z.infer<typeof MediaResponse>;

/** The renderer announces it can do media (one media engine per workstation; the newest one wins). */
export const MediaAttachRequest = z.object({ engine: z.enum(['webrtc']), userAgent: z.string().max(300) }).strict();
export type MediaAttachRequest = z.infer<typeof MediaAttachRequest>;

/**
 * Call quality the renderer measured from getStats, sent to main every few seconds for the call log and the
 * supervisor view. MOS is estimated from the E-model (ITU-T G.107) with the renderer's formula.
 */
export const CallQuality = z
  .object({
    callId: Uuid,
    roundTripMs: z.number().nonnegative().nullable(),
    jitterMs: z.number().nonnegative().nullable(),
    lossPercent: z.number().min(0).max(100).nullable(),
    mos: z.number().min(1).max(5).nullable(),
    packetsReceived: z.number().int().nonnegative(),
    packetsSent: z.number().int().nonnegative(),
  })
  .strict();
export type CallQuality = z.infer<typeof CallQuality>;
