/**
 * A textarea bound to a Y.Text. Invariant: the textarea is uncontrolled; React
 * renders it once with the text's content and never writes its value again.
 * From then on app/collab/textBinding.ts alone moves text between it and the
 * Y.Text (local typing as a minimal change against what Yjs holds, remote
 * changes in the same turn with the caret anchored in the Y.Text; ADR 013).
 * Its height follows its content (CSS field-sizing, script fallback).
 */
import { useLayoutEffect, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { bindTextarea } from '../../collab/textBinding';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'defaultValue' | 'onChange' | 'onInput'> & {
  text: Y.Text;
  /** Called after each local change (e.g. to stamp "edited by"). */
  onLocalChange?: () => void;
};

export function CollabTextarea({ text, onLocalChange, ...rest }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // Only the first render's value is used; the binding keeps the value current after that.
  const [initial] = useState(() => text.toString());
  const onLocalChangeRef = useRef(onLocalChange);
  useLayoutEffect(() => {
    onLocalChangeRef.current = onLocalChange;
  });

  // A layout effect: bound before the browser paints or handles a key, and rebound at once for another Y.Text.
  useLayoutEffect(() => bindTextarea(ref.current!, text, { onLocalChange: () => onLocalChangeRef.current?.() }), [text]);

  return <textarea {...rest} ref={ref} defaultValue={initial} />;
}
