/** One line on the family home: the way to "Wie heeft ons plan bekeken?" (ADR 028), for whom may read it. */
import { Link } from '@remix-run/react';
import { Eye } from 'lucide-react';

export function PlanViewsLink({ caseId, show }: { caseId: string; show: boolean }) {
  if (!show) return null;
  return (
    <p className="plan-views-link">
      <Eye aria-hidden="true" size={18} /> <Link to={`/casussen/${caseId}/bekeken`}>Wie heeft ons plan bekeken?</Link>
    </p>
  );
}
