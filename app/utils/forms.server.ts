/**
 * Reading a posted form. Server-only: the input of every write is validated
 * by its command (server/commands/, zod), so zod never reaches the browser.
 * The body is never larger than 64 KB (2 MB on a child's page, for a picture
 * upload): the server read it whole, or refused
 * it with a 413, before any other work (server/http/bodyLimit.server.ts).
 */

/**
 * The posted form as a plain object. A body that is not a form (JSON, empty,
 * broken multipart) is answered with a Dutch 400 instead of an error page.
 */
export async function readForm(request: Request): Promise<Record<string, FormDataEntryValue>> {
  try {
    return Object.fromEntries(await request.formData());
  } catch {
    throw new Response('Dit formulier kon niet worden gelezen. Probeer het opnieuw.', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}
