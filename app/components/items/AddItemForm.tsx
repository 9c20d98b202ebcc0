/**
 * A labelled text box with an add button. When `onAdd` returns the new
 * item's id, focus moves to that item once it is shown (itemFocus.ts), so a
 * keyboard or screen reader user lands on what they just added.
 */
import { Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { focusItem } from './itemFocus';

export function AddItemForm({
  label,
  buttonLabel = 'Toevoegen',
  placeholder = label,
  onAdd,
}: {
  label: string;
  buttonLabel?: string;
  /** Shown in the empty box (defaults to the label). */
  placeholder?: string;
  /** Adds the item; return its id to have focus follow it. */
  onAdd: (text: string) => string | void;
}) {
  const [text, setText] = useState('');
  const id = useId();
  return (
    <form
      className="add-item"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        const added = onAdd(text.trim());
        setText('');
        if (typeof added === 'string') focusItem(added, 'item');
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <textarea id={id} rows={1} value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <button type="submit" className="button button-quiet button-small" disabled={!text.trim()}>
        <Plus aria-hidden="true" size={16} /> {buttonLabel}
      </button>
    </form>
  );
}
