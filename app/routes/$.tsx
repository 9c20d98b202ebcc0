import { notFound } from '../utils/responses';
import { ErrorPage } from '../components/ErrorPage';

export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return <ErrorPage />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
