/**
 * An uploaded picture of a child's pages, served only to who may see the page
 * it is on (Woorden en Plaatjes: everyone in the case; a house: who the child
 * chose) or to its uploader — anyone else, and any id of another case, gets
 * the same 404. Private to the browser (never a shared cache), never sniffed
 * as another type.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireCaseParticipant } from '../utils/caseAccess.server';
import { pictureForViewer } from '../utils/childVoice.server';
import { notFound } from '../utils/responses';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { participant } = await requireCaseParticipant(request, context, params.caseId);
  const id = params.pictureId ?? '';
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw notFound();
  const picture = pictureForViewer(context.services.db, participant.caseId, id, participant);
  if (!picture) throw notFound();
  return new Response(new Uint8Array(picture.bytes), {
    status: 200,
    headers: {
      'Content-Type': picture.mime,
      'Content-Length': String(picture.bytes.length),
      'Cache-Control': 'no-store',
      'Content-Disposition': 'inline',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
