import { Plus } from 'lucide-react';
import { useId, useState } from 'react';

/** A labelled text box with an add button. */
export function AddItemForm({ label, buttonLabel = 'Toevoegen', onAdd }: { label: string; buttonLabel?: string; onAdd: (text: string) => void }) {
  const [text, setText] = useState('');
  const id = useId();
  return (
    <form
      className="add-item"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onAdd(text.trim());
        setText('');
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea id={id} rows={2} value={text} placeholder={label} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <button type="submit" className="button button-quiet button-small" disabled={!text.trim()}>
        <Plus aria-hidden="true" size={16} /> {buttonLabel}
      </button>
    </form>
  );
}
