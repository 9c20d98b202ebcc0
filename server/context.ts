/** What every Remix loader and action receives as `context`. */
import type { Services } from './services.server';

export interface VeiligplanLoadContext {
  services: Services;
  /** CSP nonce of this response. */
  nonce: string;
  clientIp: string;
}

declare module '@remix-run/node' {
  // Declaration merging needs an interface; it adds nothing of its own on purpose.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see the comment above
  interface AppLoadContext extends VeiligplanLoadContext {}
}
