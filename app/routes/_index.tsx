import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await context.services.auth.getViewer(request);
  if (viewer?.kind === 'participant') return redirect(`/casussen/${viewer.participant.caseId}`);
  if (!viewer && (await context.services.auth.endedViewer(request))) return redirect('/toegang-beeindigd');
  return redirect(viewer ? '/overzicht' : '/login');
}
