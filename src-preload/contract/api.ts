import type { Result } from './schemas/common';
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from './channels';

/**
 * The shape of `window.careline` (Electron preload) and of every other transport the renderer may use.
 * `invoke` never rejects for a contract error: it resolves to a Result the UI can show.
 */
export interface CarelineApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>>;
  /** Subscribe to a main-process event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
