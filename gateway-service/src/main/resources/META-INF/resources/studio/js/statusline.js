/**
 * Keeps the status line (#status, kept at the window's foot while the page scrolls: studio.css) off what the user is
 * at. Its height, which grows with a long sentence on a phone, is the page's --status-height, so what a link or script
 * scrolls to stops above it (scroll-padding-bottom). When a sentence appears or grows there, a page read to its end
 * stays at its end (the line takes its own place below the last row, not over it); and the control with the focus,
 * reached by the keyboard or there when the line grows, is scrolled clear of it when the line lies over it.
 */
export function keepStatusLineClear(line) {
  const root = document.documentElement;
  let height = 0;
  new ResizeObserver(() => {
    const now = line.offsetHeight;
    const grew = now - height;
    height = now;
    root.style.setProperty('--status-height', `${now}px`);
    if (grew <= 0) return;
    // the page grew by the line's growth (it is in the flow): at its end before, scrolled to its end again
    if (scrollY + innerHeight >= root.scrollHeight - grew - 2) scrollBy(0, grew);
    else focusClear(line);
  }).observe(line);
  // after the browser's own scrolling to the focus, which may stop it at the window's foot
  document.addEventListener('focusin', () => requestAnimationFrame(() => focusClear(line)));
}

// The focused control, when it is on the screen and the line lies over it: up by what the line covers, never so far
// that the control's top leaves the window (a region taller than the room above the line, the main one, stays).
function focusClear(line) {
  const focused = document.activeElement;
  if (!focused || focused === document.body || line.contains(focused) || line.offsetHeight === 0) return;
  const box = focused.getBoundingClientRect();
  const top = line.getBoundingClientRect().top;
  if (box.top >= 0 && box.top < innerHeight && box.bottom > top && box.height < top) scrollBy(0, Math.min(box.bottom - top + 4, box.top));
}
