import type { Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin';

/**
 * Navigation and new windows are denied: the renderer is one page of ours. External links (e.g. a protocol
 * source) are the OS browser's job, opened by main after checks, never by the renderer.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Only our own page may ask, and only for the microphone (media) and the choice of speaker and ringer output
 * (speaker-selection, which setSinkId needs); everything else is refused.
 */
export function limitPermissionsToMedia(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    // Audio only: a contact-center workstation has no business turning on the camera.
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = permission === 'media' || permission === 'speaker-selection';
    callback(allowed && isAppUrl(details.requestingUrl) && !mediaTypes.includes('video'));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    if (permission !== 'media' && permission !== 'speaker-selection') return false;
    if (details.mediaType === 'video') return false;
    return isAppUrl(requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`);
  });
}
