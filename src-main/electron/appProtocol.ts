import { type Protocol, protocol } from 'electron';
import { RENDERER_SECURITY_HEADERS } from '../security/contentSecurityPolicy';
import { readStaticFile } from '../web-host/staticFiles';
import { APP_HOST, APP_SCHEME } from './appOrigin';

/** Must run before `app.ready`: makes app:// a secure, standard scheme (origin, CSP and fetch work). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer from disk under app://careline with the CSP header. */
export function serveRenderer(rendererDir: string, target: Pick<Protocol, 'handle'> = protocol): void {
  target.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { 'content-type': file.contentType, ...RENDERER_SECURITY_HEADERS },
    });
  });
}
