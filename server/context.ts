/** What every Remix loader and action receives as `context`. */
import type { Services } from './services.server';

export interface VeiligplanLoadContext {
  services: Services;
  /** CSP nonce of this response. */
  nonce: string;
  clientIp: string;
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends VeiligplanLoadContext {}
}
