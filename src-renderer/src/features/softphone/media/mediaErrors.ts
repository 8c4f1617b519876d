/**
 * Errors of the media engine in words an agent can act on. Main shows `message` to the agent (and sip.js ends or
 * declines the call), so it must say what to do, and must never carry SDP, device labels or anything of a caller.
 */
export class MediaFailure extends Error {
  override readonly name = 'MediaFailure';
}

const MAX_MESSAGE = 500;

/** getUserMedia's DOMException names (Media Capture and Streams §10) mapped to what the agent should do. */
const MICROPHONE_MESSAGES: Record<string, string> = {
  NotAllowedError: 'Microphone access was denied: allow the microphone for Careline, then try the call again.',
  SecurityError: 'Microphone access was denied: allow the microphone for Careline, then try the call again.',
  NotFoundError: 'No microphone was found: plug in a headset, then try the call again.',
  OverconstrainedError: 'The chosen microphone is not available: pick another one in Audio settings.',
  NotReadableError: 'The microphone could not be started (another application may be using it): close other calling apps and try again.',
  AbortError: 'The microphone could not be started: unplug and reconnect the headset, then try again.',
};

export function microphoneFailure(error: unknown): MediaFailure {
  const name = errorName(error);
  return new MediaFailure(MICROPHONE_MESSAGES[name] ?? 'The microphone could not be started: check the headset and try again.');
}

/** Whatever went wrong, as the `message` of a `{ ok: false }` media response. */
export function describeMediaError(error: unknown, operation: string): string {
  if (error instanceof MediaFailure) return error.message.slice(0, MAX_MESSAGE);
  const name = errorName(error);
  if (name in MICROPHONE_MESSAGES) return MICROPHONE_MESSAGES[name]!;
  if (name === 'InvalidAccessError' || name === 'OperationError' || name === 'SyntaxError') {
    return 'The phone system offered audio Careline cannot use (no common codec or a malformed description).';
  }
  if (name === 'InvalidStateError') return 'The call audio was in the wrong state for this step: hang up and call again if audio is missing.';
  return `The audio engine could not ${operationWords(operation)}: hang up and call again if audio is missing.`;
}

function operationWords(operation: string): string {
  switch (operation) {
    case 'create-offer':
      return 'prepare the call audio';
    case 'create-answer':
      return 'answer with audio';
    case 'accept-answer':
      return 'connect the call audio';
    case 'rollback':
      return 'undo the last audio change';
    case 'send-dtmf':
      return 'send the keypad tones';
    case 'close':
      return 'close the call audio';
    default:
      return 'complete this step';
  }
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return '';
}
