/**
 * Puts keyboard focus back on an item after a change to it. Invariant: the
 * DOM is only read after React has rendered the change (the page re-renders
 * from the Yjs document's update event), so the item is looked up by its
 * `data-item-id` on later animation frames until it is shown where it now
 * belongs (in `section`, when given, and visible) — or given up after about
 * two seconds (the item may be gone: removed by someone else, or the page left).
 */

export type FocusPart = 'item' | 'menu' | 'reaction';

export interface FocusRequest {
  /** Wait until the item stands in this section (after a move). */
  section?: string;
  /** Scroll the item into the middle of the screen (after a move: it may be far away). */
  scroll?: boolean;
}

const MAX_FRAMES = 120;
let pending = 0;

function findItem(id: string, section: string | undefined): HTMLElement | null {
  const li = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`);
  if (!li || !li.isConnected) return null;
  if (section !== undefined && li.dataset.section !== section) return null;
  // A column hidden on a phone has no layout yet: wait for the page to show it.
  if (li.getClientRects().length === 0) return null;
  return li;
}

function targetIn(li: HTMLElement, part: FocusPart): HTMLElement {
  if (part === 'menu') return li.querySelector<HTMLElement>('.item-menu-button') ?? li;
  if (part === 'reaction') return li.querySelector<HTMLElement>('.reaction-form input') ?? li;
  return li;
}

/** Focuses the item (or its ⋯ button / reaction field) once it is rendered; a newer request replaces an older one. */
export function focusItem(id: string, part: FocusPart = 'item', request: FocusRequest = {}): void {
  if (typeof window === 'undefined') return;
  const ticket = ++pending;
  let frames = 0;
  const step = () => {
    if (ticket !== pending) return;
    const li = findItem(id, request.section);
    if (!li) {
      if (++frames < MAX_FRAMES) window.requestAnimationFrame(step);
      return;
    }
    const target = targetIn(li, part);
    target.focus({ preventScroll: true });
    if (request.scroll) {
      li.scrollIntoView({ block: 'center', behavior: 'auto' });
      // A short highlight shows sighted people where it landed.
      li.classList.remove('item-flash');
      void li.offsetWidth;
      li.classList.add('item-flash');
      window.setTimeout(() => li.classList.remove('item-flash'), 2100);
    } else target.scrollIntoView({ block: 'nearest', behavior: 'auto' });
  };
  window.requestAnimationFrame(step);
}
