/**
 * A file a command made (an export), as the HTTP answer: streamed as an
 * attachment, never cached anywhere (Cache-Control: no-store), never sniffed
 * as another type. A command failure becomes its status with the Dutch
 * message as plain text; anything else is a bug (500).
 */
import { CommandError } from '../../server/commands/errors';
import type { ExportFile } from '../../server/commands/export.server';

export function downloadResponse(make: () => ExportFile): Response {
  let file: ExportFile;
  try {
    file = make();
  } catch (error) {
    if (error instanceof CommandError) {
      throw new Response(error.message, { status: error.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    throw error;
  }
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
