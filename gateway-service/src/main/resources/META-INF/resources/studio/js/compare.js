import { el } from './ui.js';

/**
 * Before and after over each other with a divider: drag it, or use the labelled range input (arrow keys move it).
 * "100 %" shows the pixels at their own size in a scrolling frame (pan by scrolling or dragging); "Original" shows the
 * original alone. At 100 % the frame is a stop for Tab, and the arrow keys pan it.
 */
const FITTED = 'Before and after, the whole picture';
const ACTUAL_SIZE = 'Before and after at 100 %: the arrow keys pan';

export function compareView(beforeUrl, afterUrl) {
  const before = el('img', { src: beforeUrl, alt: 'Before', class: 'compare-before', draggable: 'false' });
  const after = el('img', { src: afterUrl, alt: 'After', class: 'compare-after', draggable: 'false' });
  const clip = el('div', { class: 'compare-clip' }, after);
  const divider = el('div', { class: 'compare-divider', 'aria-hidden': 'true' });
  const stage = el('div', { class: 'compare-stage' }, before, clip, divider);
  // a region named for a screen reader; at 100 % it takes the focus too, so the arrow keys pan a picture larger than the
  // frame (a scrolling frame is no stop for Tab by itself, and one Chromium stops at anyway had no name to say)
  const frame = el('div', { class: 'compare-frame', role: 'region', 'aria-label': FITTED }, stage);
  const range = el('input', { type: 'range', min: 0, max: 100, value: 50, id: 'divider', 'aria-label': 'Divider position: before on the left, after on the right' });
  const zoom = el('button', { type: 'button', class: 'compare-zoom', 'aria-pressed': 'false', text: '100 %' });
  const original = el('button', { type: 'button', class: 'compare-original', 'aria-pressed': 'false', text: 'Original' });

  function place(percent) {
    range.value = String(percent);
    clip.style.clipPath = `inset(0 0 0 ${percent}%)`;
    divider.style.left = `${percent}%`;
  }
  place(50);
  range.addEventListener('input', () => place(Number(range.value)));
  let dragging = false;
  stage.addEventListener('pointerdown', (event) => {
    dragging = true;
    stage.setPointerCapture(event.pointerId);
    move(event);
  });
  stage.addEventListener('pointermove', (event) => dragging && move(event));
  stage.addEventListener('pointerup', () => { dragging = false; });
  function move(event) {
    const box = stage.getBoundingClientRect();
    place(Math.max(0, Math.min(100, Math.round(((event.clientX - box.left) / box.width) * 100))));
  }
  // the arrow keys pan the zoomed picture, a tenth of the frame a press (with Shift, most of it), whatever the browser's
  // own scrolling of a focused frame does with them
  frame.addEventListener('keydown', (event) => {
    const move = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!move || !frame.classList.contains('actual-size')) return;
    event.preventDefault();
    const step = event.shiftKey ? 0.9 : 0.1;
    frame.scrollBy({ left: move[0] * step * frame.clientWidth, top: move[1] * step * frame.clientHeight, behavior: 'instant' });
  });
  zoom.addEventListener('click', () => {
    const on = frame.classList.toggle('actual-size');
    zoom.setAttribute('aria-pressed', String(on));
    frame.setAttribute('aria-label', on ? ACTUAL_SIZE : FITTED);
    if (on) frame.tabIndex = 0;
    else frame.removeAttribute('tabindex');
  });
  original.addEventListener('click', () => {
    const on = clip.hidden = !clip.hidden;
    divider.hidden = on;
    original.setAttribute('aria-pressed', String(on));
  });
  return el('div', { class: 'compare' }, frame,
    el('div', { class: 'row' }, el('label', { for: 'divider', text: 'Divider' }), range, zoom, original));
}
