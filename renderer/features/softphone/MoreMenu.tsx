import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const focusableSelector = 'button:not([disabled]), select:not([disabled]), input:not([disabled])';
const moveKeys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];

/**
 * A button that opens a small panel of secondary controls under it: a disclosure popover rather than an ARIA menu,
 * because the panel holds selects as well as buttons. Enter, Space or ArrowDown opens it; ArrowDown, ArrowUp, Home and
 * End move between its buttons; Escape closes it and gives focus back to the button; a click or Tab outside closes it.
 * It also closes when `resetKey` changes (the call moved on, and the panel's contents with it).
 */
export function MoreMenu({ label, panelLabel, resetKey, children }: { label: string; panelLabel: string; resetKey: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [openFor, setOpenFor] = useState(resetKey);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const focusFirstItem = useRef(false);
  const focusInPanel = useRef(false);
  const panelId = useId();

  if (openFor !== resetKey) {
    setOpenFor(resetKey);
    setOpen(false);
  }

  const items = () => Array.from(panel.current?.querySelectorAll<HTMLElement>(focusableSelector) ?? []);

  useEffect(() => {
    if (!open) {
      // Closed under the focus (the call moved on and the control went away): back to the button, not to the page.
      if (focusInPanel.current && (document.activeElement === document.body || document.activeElement === null)) button.current?.focus();
      focusInPanel.current = false;
      return;
    }
    if (focusFirstItem.current) {
      focusFirstItem.current = false;
      // Nothing to focus yet (its controls still loading): the panel itself, so the keys keep working there.
      (items()[0] ?? panel.current)?.focus();
    }
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (open) items()[0]?.focus();
      else {
        focusFirstItem.current = true;
        setOpen(true);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  };

  const onPanelKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    // A select keeps its own arrow keys: they change its value.
    const target = e.target as HTMLElement;
    if (!(target.tagName === 'BUTTON' || target === panel.current) || !moveKeys.includes(e.key)) return;
    const list = items();
    const at = list.indexOf(target);
    const last = list.length - 1;
    const next =
      e.key === 'Home' || (e.key === 'ArrowDown' && at === last)
        ? 0
        : e.key === 'End' || (e.key === 'ArrowUp' && at <= 0)
          ? last
          : at + (e.key === 'ArrowDown' ? 1 : -1);
    e.preventDefault();
    list[next]?.focus();
  };

  return (
    <div
      className="more-menu"
      ref={wrapper}
      onBlur={(e) => {
        // Tab (or a click) took the focus somewhere else on the page.
        if (e.relatedTarget instanceof Node && !wrapper.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button type="button" ref={button} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)} onKeyDown={onButtonKey}>
        {label}
      </button>
      <div
        id={panelId}
        ref={panel}
        role="group"
        aria-label={panelLabel}
        className="more-menu-panel"
        hidden={!open}
        tabIndex={-1}
        onKeyDown={onPanelKey}
        onFocus={() => {
          focusInPanel.current = true;
        }}
        onBlur={(e) => {
          if (!(e.relatedTarget instanceof Node && panel.current?.contains(e.relatedTarget))) focusInPanel.current = false;
        }}
      >
        {open && children}
      </div>
    </div>
  );
}
