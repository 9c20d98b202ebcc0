/** Thrown from a loader when something does not exist or may not be seen: both answer the same 404. */
export function notFound(): Response {
  return new Response('Niet gevonden', { status: 404, statusText: 'Not Found' });
}
