/**
 * A textarea bound to a Y.Text: local typing becomes a minimal insert/delete,
 * remote changes update the value and keep the caret where the person was.
 */
import { useEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { applyTextDiff } from '../../domain/items';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  text: Y.Text;
  /** Called after each local change (e.g. to stamp "edited by"). */
  onLocalChange?: () => void;
};

function shift(pos: number, delta: { retain?: number; insert?: unknown; delete?: number }[]): number {
  let index = 0;
  let result = pos;
  for (const op of delta) {
    if (op.retain) index += op.retain;
    else if (typeof op.insert === 'string') {
      if (index <= pos) result += op.insert.length;
      index += op.insert.length;
    } else if (op.delete) {
      if (index < pos) result -= Math.min(op.delete, pos - index);
    }
  }
  return Math.max(0, result);
}

export function CollabTextarea({ text, onLocalChange, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useState(() => text.toString());
  // Bound to another Y.Text (another item): start from its content (React's "adjust state when a prop changes").
  const [bound, setBound] = useState(text);
  if (bound !== text) {
    setBound(text);
    setValue(text.toString());
  }

  useEffect(() => {
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      const el = ref.current;
      const next = text.toString();
      if (transaction.local || !el || document.activeElement !== el) {
        setValue(next);
        return;
      }
      const start = shift(el.selectionStart, event.delta as never);
      const end = shift(el.selectionEnd, event.delta as never);
      setValue(next);
      requestAnimationFrame(() => el.setSelectionRange(start, end));
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  return (
    <textarea
      {...rest}
      ref={ref}
      value={value}
      onChange={(e) => {
        const next = e.target.value;
        setValue(next);
        text.doc!.transact(() => applyTextDiff(text, next));
        onLocalChange?.();
      }}
    />
  );
}
