/** Only same-site paths are allowed as a redirect target after login (no open redirects). */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/casussen'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}
