/**
 * A command's Dutch message shown at the form field it belongs to. The
 * message comes from the server (CommandError.field); the id lets the field
 * point at it with aria-describedby.
 */
import { CircleAlert } from 'lucide-react';

export interface FieldFailure {
  error?: string;
  field?: string;
}

export function FieldError({ failure, fields, id }: { failure: FieldFailure | undefined; fields: string[]; id: string }) {
  if (!failure?.error || !failure.field || !fields.includes(failure.field)) return null;
  return (
    <p className="field-error" id={id} role="alert">
      <CircleAlert aria-hidden="true" size={16} /> {failure.error}
    </p>
  );
}

/** aria-describedby for a field that may have an error. */
export function describedBy(failure: FieldFailure | undefined, fields: string[], id: string): string | undefined {
  return failure?.error && failure.field && fields.includes(failure.field) ? id : undefined;
}
