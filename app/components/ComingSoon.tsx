import type { ReactNode } from 'react';

/** Placeholder for a tab whose content is still being built. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="tab-titel">
      <h2 id="tab-titel">{title}</h2>
      <p className="muted">{children}</p>
    </section>
  );
}
