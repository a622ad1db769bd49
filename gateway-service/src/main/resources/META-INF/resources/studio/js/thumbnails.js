import { call } from './api.js';
import { smallCopy } from './preview.js';
import { el } from './ui.js';

/**
 * Thumbnails of stored images for a list: an <img> gets its picture only when it comes near the screen
 * (IntersectionObserver), at most two downloads at a time (each is the whole image: the API has no smaller copy), and
 * each is kept as a small JPEG (THUMB_EDGE px) so the page never holds full-size pictures. close() stops loading and
 * revokes every object URL; forget(img) revokes one image's when it leaves the list.
 */
const THUMB_EDGE = 320;
const AT_ONCE = 2;

export function thumbnailLoader() {
  const urls = new Map();
  const waiting = [];
  let running = 0;
  let closed = false;
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      waiting.push(entry.target);
    }
    next();
  }, { rootMargin: '200px' });

  async function next() {
    while (running < AT_ONCE && waiting.length > 0 && !closed) {
      const img = waiting.shift();
      running += 1;
      load(img).finally(() => {
        running -= 1;
        next();
      });
    }
  }

  async function load(img) {
    if (!img.isConnected) return;
    try {
      const response = await call(`/v1/images/${encodeURIComponent(img.dataset.imageId)}/content`);
      const small = await smallCopy(await response.blob(), THUMB_EDGE);
      if (closed || !img.isConnected) return;
      const url = URL.createObjectURL(small);
      urls.set(img, url);
      img.src = url;
    } catch (error) {
      if (!closed && img.isConnected) img.replaceWith(el('span', { class: 'thumb-missing', text: 'No preview' }));
    }
  }

  return {
    observe(img) {
      observer.observe(img);
    },
    forget(img) {
      observer.unobserve(img);
      const url = urls.get(img);
      if (url) URL.revokeObjectURL(url);
      urls.delete(img);
    },
    close() {
      closed = true;
      observer.disconnect();
      urls.forEach((url) => URL.revokeObjectURL(url));
      urls.clear();
    },
  };
}
