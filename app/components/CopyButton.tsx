import { Copy } from 'lucide-react';
import { useState } from 'react';

export function CopyButton({ text, label = 'Kopieer de link' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-quiet button-small"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      <Copy aria-hidden="true" size={16} /> {copied ? 'Gekopieerd' : label}
    </button>
  );
}
