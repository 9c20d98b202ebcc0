/**
 * Binds a plain (uncontrolled) textarea to a Y.Text, the way co-typing needs
 * it (ADR 013). Invariant: outside an IME composition, the textarea's value
 * equals the Y.Text's content at the end of every event the binding handles,
 * so a local edit is always the difference between the two and is never
 * computed against a stale copy. Remote changes are written into the textarea
 * in the same turn as they arrive, and the caret is restored from positions
 * anchored in the Y.Text (Y.RelativePosition) that stick to the character
 * before the caret: text someone else inserts at the caret goes after it, and
 * a person's own next key lands right behind their own previous one. During a
 * composition the textarea is left alone; remote changes are queued and the
 * composed text is mapped through them when the composition ends.
 *
 * The pure parts (diffText, applyChange, anchorSelection, resolveSelection,
 * mapIndex) work on strings and Y.Text only, without a DOM.
 */
import * as Y from 'yjs';

/** Replace `remove` UTF-16 code units at `index` with `insert`. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

/** A Y.Text event delta (retain / insert / delete runs). */
export type TextDelta = readonly { retain?: number; insert?: unknown; delete?: number }[];

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  // Never split a surrogate pair: Yjs would replace its halves with U+FFFD.
  if (n > 0 && isHighSurrogate(a.charCodeAt(n - 1))) n--;
  return n;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  if (n > 0 && isLowSurrogate(a.charCodeAt(a.length - n))) n--;
  return n;
}

function region(prev: string, next: string, prefix: number, suffix: number): TextChange {
  return { index: prefix, remove: prev.length - prefix - suffix, insert: next.slice(prefix, next.length - suffix) };
}

/**
 * The single replacement that turns `prev` into `next`, or null when they are
 * equal. The removed part is as short as possible. When more than one place
 * fits (typing "a" next to another "a"), `caret` (where the caret is in `next`
 * after the edit, i.e. the end of what was typed) picks the place the person
 * actually typed at, so the new characters are anchored to their real
 * neighbours.
 */
export function diffText(prev: string, next: string, caret: number = next.length): TextChange | null {
  if (prev === next) return null;
  const shorter = Math.min(prev.length, next.length);
  const prefix = commonPrefix(prev, next, shorter);
  const plain = region(prev, next, prefix, commonSuffix(prev, next, shorter - prefix));
  const after = Math.max(0, next.length - Math.min(Math.max(caret, 0), next.length));
  const suffix = commonSuffix(prev, next, Math.min(shorter, after));
  const hinted = region(prev, next, commonPrefix(prev, next, shorter - suffix), suffix);
  return hinted.remove === plain.remove ? hinted : plain;
}

/** Applies a change to a Y.Text (call inside a transaction to make it one update). */
export function applyChange(text: Y.Text, change: TextChange): void {
  if (change.remove > 0) text.delete(change.index, change.remove);
  if (change.insert) text.insert(change.index, change.insert);
}

export interface SelectionAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * Anchors a selection in the Y.Text. A caret (start = end) and the end of a
 * selection stick to the character before them, the start of a selection to
 * the character after it, so text inserted by others at the edges stays
 * outside the selection and behind the caret.
 */
export function anchorSelection(text: Y.Text, start: number, end: number): SelectionAnchor {
  return {
    start: Y.createRelativePositionFromTypeIndex(text, start, start === end ? -1 : 0),
    end: Y.createRelativePositionFromTypeIndex(text, end, -1),
  };
}

/** Where an anchored selection is now, or null when it no longer points into `text`. */
export function resolveSelection(text: Y.Text, anchor: SelectionAnchor): { start: number; end: number } | null {
  const doc = text.doc;
  if (!doc) return null;
  const start = Y.createAbsolutePositionFromRelativePosition(anchor.start, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(anchor.end, doc);
  if (!start || !end || start.type !== text || end.type !== text) return null;
  return { start: Math.min(start.index, end.index), end: end.index };
}

/**
 * Maps an index through a Y.Text delta. At an insert exactly at `index`,
 * assoc -1 stays before the inserted text, assoc 1 moves after it.
 */
export function mapIndex(index: number, delta: TextDelta, assoc: -1 | 1): number {
  let at = 0; // position in the text before the change
  let shift = 0;
  for (const op of delta) {
    if (op.retain) at += op.retain;
    else if (op.delete) {
      if (at < index) shift -= Math.min(op.delete, index - at);
      at += op.delete;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (at < index || (at === index && assoc > 0)) shift += length;
    }
    if (at > index) break;
  }
  return Math.max(0, index + shift);
}

/** Browsers that size a textarea to its content in CSS (`field-sizing: content`) need no script for it. */
const sizesInCss = () => typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

/** Sets the height to the content's height (fallback for browsers without `field-sizing`). */
export function fitHeight(el: HTMLTextAreaElement): void {
  if (sizesInCss()) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
}

export interface BindOptions {
  /** Called after each local change (e.g. to stamp "edited by"). */
  onLocalChange?: () => void;
}

/** Binds `el` to `text` until the returned function is called. */
export function bindTextarea(el: HTMLTextAreaElement, text: Y.Text, options: BindOptions = {}): () => void {
  const doc = text.doc;
  if (!doc) throw new Error('bindTextarea: the Y.Text is not in a document');
  const origin = { binding: 'textarea' }; // marks our own transactions
  let anchor: SelectionAnchor | null = null;
  let composition: { base: string; remote: TextDelta[] } | null = null;
  const focused = () => el.ownerDocument.activeElement === el;
  const view = el.ownerDocument.defaultView;

  const show = (value: string, selection: { start: number; end: number } | null) => {
    if (el.value === value) return;
    const direction = el.selectionDirection;
    el.value = value;
    if (selection) el.setSelectionRange(selection.start, selection.end, direction);
    fitHeight(el);
  };

  const commit = (change: TextChange | null) => {
    if (!change) return;
    doc.transact(() => applyChange(text, change), origin);
    options.onLocalChange?.();
  };

  // Before any change that is not ours, anchor the caret while the textarea still shows the Y.Text.
  const beforeTransaction = (transaction: Y.Transaction) => {
    anchor = null;
    if (transaction.origin === origin || composition || !focused() || el.value !== text.toString()) return;
    anchor = anchorSelection(text, el.selectionStart, el.selectionEnd);
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    if (composition) {
      composition.remote.push(event.delta as TextDelta);
      return;
    }
    const selection = anchor && focused() ? resolveSelection(text, anchor) : null;
    show(text.toString(), selection);
  };

  const syncLocal = () => {
    commit(diffText(text.toString(), el.value, el.selectionEnd));
    fitHeight(el);
  };

  const onInput = (e: Event) => {
    if (composition || (e as InputEvent).isComposing) return;
    syncLocal();
  };

  const onCompositionStart = () => {
    composition = { base: el.value, remote: [] };
  };

  const onCompositionEnd = () => {
    // Bound in the middle of a composition: nothing was queued, the Y.Text is the base.
    if (!composition) return syncLocal();
    const { base, remote } = composition;
    composition = null;
    if (remote.length === 0) return syncLocal();
    const change = diffText(base, el.value, el.selectionEnd);
    // Others changed the text meanwhile: place the composed text where its neighbours are now.
    let caret = el.selectionEnd;
    if (change) {
      // What the composition replaced, without text others inserted at its edges; and where the
      // composed text goes. As with the anchored selection: a replacement stays between the edges,
      // a plain insert goes in front of text others inserted at that spot (the caret rule).
      let from = change.index;
      let to = change.index + change.remove;
      let at = change.index;
      for (const delta of remote) {
        from = mapIndex(from, delta, 1);
        to = Math.max(from, mapIndex(to, delta, -1));
        at = mapIndex(at, delta, change.remove > 0 ? 1 : -1);
      }
      doc.transact(() => {
        if (to > from) text.delete(from, to - from);
        if (change.insert) text.insert(at, change.insert); // at <= from: the delete does not move it
      }, origin);
      options.onLocalChange?.();
      caret = at + change.insert.length;
    } else {
      for (const delta of remote) caret = mapIndex(caret, delta, -1);
    }
    show(text.toString(), focused() ? { start: caret, end: caret } : null);
  };

  const onResize = () => fitHeight(el);

  if (el.value !== text.toString()) show(text.toString(), null);
  else fitHeight(el);
  doc.on('beforeTransaction', beforeTransaction);
  text.observe(observer);
  el.addEventListener('input', onInput);
  el.addEventListener('compositionstart', onCompositionStart);
  el.addEventListener('compositionend', onCompositionEnd);
  if (!sizesInCss()) view?.addEventListener('resize', onResize);
  return () => {
    doc.off('beforeTransaction', beforeTransaction);
    text.unobserve(observer);
    el.removeEventListener('input', onInput);
    el.removeEventListener('compositionstart', onCompositionStart);
    el.removeEventListener('compositionend', onCompositionEnd);
    view?.removeEventListener('resize', onResize);
  };
}
