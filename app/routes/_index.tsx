import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await context.services.auth.getViewer(request);
  return redirect(viewer ? '/casussen' : '/login');
}
