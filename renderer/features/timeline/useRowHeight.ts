import { useEffect, useState, type RefObject } from 'react';

/** A row is this many rem tall, whatever the list's width: one line, cut with an ellipsis (see timeline.css). */
const rowRem = 2.2;

const rootFontPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 15;

let lastSize = { width: 0, height: 0 };
/** The list's size when it was last on screen: the next list renders its first rows at once, before it is measured. */
export const lastListSize = () => lastSize;

/** The rows' height in pixels, read again whenever the list is resized (a zoom or a larger text size changes it). */
export function useRowHeight(scroller: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(() => Math.round(rowRem * rootFontPx()));
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      lastSize = { width: element.offsetWidth, height: element.offsetHeight };
      setHeight(Math.round(rowRem * rootFontPx()));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [scroller]);
  return height;
}
