/**
 * The "⋯" actions menu of one item (WAI-ARIA menu button pattern).
 * Invariant: the menu only offers what it is given, and every way of leaving
 * it without choosing (Escape, Tab, a click elsewhere) closes it; Escape puts
 * focus back on the ⋯ button. Enter, Space or ArrowDown on the button open it
 * on the first action, ArrowUp on the last; arrow keys, Home and End move
 * between actions. Choosing an action closes the menu before it runs.
 */
import { Ellipsis } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuAction {
  key: string;
  label: string;
  icon?: React.ReactNode;
  run: () => void;
}

export function ItemMenu({ label, actions }: { label: string; actions: MenuAction[] }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const show = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Opened near the bottom of a phone's screen, the whole menu scrolls into view.
  useEffect(() => {
    if (open) menu.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);

  // Focus follows the active action while the menu is open.
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus({ preventScroll: true });
  }, [open, active]);

  // A click or tap outside the menu closes it.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (actions.length === 0) return null;

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      show(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      show(actions.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const last = actions.length - 1;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (active >= last ? 0 : active + 1),
      ArrowUp: () => (active <= 0 ? last : active - 1),
      Home: () => 0,
      End: () => last,
    };
    if (moves[e.key]) {
      e.preventDefault();
      setActive(moves[e.key]!());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="item-menu" ref={box}>
      <button
        ref={button}
        type="button"
        className="icon-button item-menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={onButtonKey}
      >
        <Ellipsis aria-hidden="true" size={18} />
      </button>
      {open ? (
        <ul ref={menu} id={menuId} role="menu" aria-label={label} className="item-menu-list" onKeyDown={onMenuKey}>
          {actions.map((action, index) => (
            <li key={action.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={index === active ? 0 : -1}
                onClick={() => {
                  setOpen(false);
                  action.run();
                }}
              >
                {action.icon}
                {action.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
