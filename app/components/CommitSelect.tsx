/**
 * A select that writes only when the person has chosen: a pick with the
 * mouse or a tap commits at once; with the keyboard, arrowing through the
 * options only moves the choice, and Enter or leaving the field commits it.
 * (A plain select with onChange writes — and stamps "edited by" — on every
 * arrow key.) Every select that writes a live document uses this one.
 */
import { useEffect, useRef, useState, type SelectHTMLAttributes } from 'react';

export interface CommitSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'defaultValue'> {
  value: string;
  onCommit: (value: string) => void;
}

export function CommitSelect({ value, onCommit, onKeyDown, onBlur, onPointerDown, ...rest }: CommitSelectProps) {
  const [draft, setDraft] = useState(value);
  const byPointer = useRef(false);
  const focused = useRef(false);
  // Someone else's change arrives while this field is not being used: show it.
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);
  const commit = (next: string) => {
    if (next !== value) onCommit(next);
  };
  return (
    <select
      {...rest}
      value={draft}
      onPointerDown={(e) => {
        byPointer.current = true;
        onPointerDown?.(e);
      }}
      onKeyDown={(e) => {
        byPointer.current = false;
        if (e.key === 'Enter') {
          e.preventDefault();
          commit(draft);
        }
        onKeyDown?.(e);
      }}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={(e) => {
        focused.current = false;
        commit(draft);
        onBlur?.(e);
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        if (byPointer.current) commit(e.target.value);
      }}
    >
      {rest.children}
    </select>
  );
}
