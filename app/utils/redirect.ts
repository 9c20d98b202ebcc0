/**
 * Redirect targets after login (and on the way back to the plan) never leave
 * this site: the target is resolved against our own origin with the URL
 * parser browsers use, and only a path on that same origin is kept. Control
 * characters (browsers silently drop a tab or newline, turning `/\t/evil` into
 * `//evil`) and backslashes (read as `/`) are refused outright, so a target
 * never reaches a header it could break (ADR 037).
 */
const PROBE_ORIGIN = 'https://veiligplan.invalid';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

export function safeRedirectTarget(target: string | null | undefined, fallback = '/casussen'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || FORBIDDEN.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path that normalises to `//…` would be protocol-relative once sent back.
  return path.startsWith('//') ? fallback : path;
}
