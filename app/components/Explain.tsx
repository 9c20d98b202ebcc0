/**
 * A "?" button that shows a short explanation in plain words under a title
 * (family pages, ADR 029). Invariant: the button's aria-expanded always says
 * whether the text is shown, and aria-controls names the text's element,
 * which is always in the page (hidden while folded). The button's name is
 * "Wat betekent dit?", described by the title it explains, so its name never
 * repeats the title (a search for the title finds the title only).
 */
import { useId, useState } from 'react';

export function Explain({ text, describedBy }: { text: string; /** id of the title this explains */ describedBy?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="explain-button no-print"
        aria-label="Wat betekent dit?"
        aria-describedby={describedBy}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      <p id={id} className="explain-text" hidden={!open}>
        {text}
      </p>
    </>
  );
}

/** A heading with its "?" (family pages) or the heading alone (professionals keep their terms, without extra stops). */
export function ExplainedHeading({
  level,
  id,
  title,
  explain,
  className,
}: {
  level: 2 | 3 | 4;
  id: string;
  title: string;
  /** The explanation, or null to show the heading alone. */
  explain: string | null;
  className?: string;
}) {
  const H = `h${level}` as const;
  if (!explain)
    return (
      <H id={id} className={className}>
        {title}
      </H>
    );
  return (
    <div className="explained">
      <H id={id} className={className}>
        {title}
      </H>
      <Explain text={explain} describedBy={id} />
    </div>
  );
}
