import { Printer } from 'lucide-react';

export function PrintButton() {
  return (
    <button type="button" className="button button-primary" onClick={() => window.print()}>
      <Printer aria-hidden="true" size={18} /> Afdrukken
    </button>
  );
}
