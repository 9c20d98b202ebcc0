/** Thrown from a loader when something does not exist or may not be seen: both answer the same 404. */
export function notFound(): Response {
  return new Response('Niet gevonden', { status: 404, statusText: 'Not Found' });
}

/** What a form action answers, as the page reads it: a Dutch error (for a field) or a saved message. */
export type ActionAnswer = { error?: string; field?: string; saved?: string };
