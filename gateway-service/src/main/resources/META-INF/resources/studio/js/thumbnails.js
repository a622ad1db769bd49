import { afterRetryAfter, call, Problem } from './api.js';
import { el } from './ui.js';

/**
 * Thumbnails of stored images for a list: an <img> gets its picture only when it comes near the screen
 * (IntersectionObserver), from GET /v1/images/{id}/thumbnail (a small JPEG or PNG the server renders once and keeps;
 * 640 px wide on a 2x display, else 320 for the 320 px cards), at most AT_ONCE downloads at a time. The <img> cannot
 * send the API key itself, so each is fetched and shown as an object URL: close() stops loading and revokes every one;
 * forget(img) revokes one image's when it leaves the list. A thumbnail refused for a while (503 server busy, 429
 * rate-limited or too-many-transfers) is asked for again after its Retry-After, up to TRIES times in all.
 */
const AT_ONCE = 3;
const TRIES = 3;
const AGAIN = new Set([429, 503]);

/** 320, or 640 where a CSS pixel is two or more device pixels (srcset needs a URL the browser can fetch itself). */
export function thumbnailWidth() {
  return (window.devicePixelRatio || 1) > 1.5 ? 640 : 320;
}

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
      const small = await fetchThumbnail(img.dataset.imageId);
      if (closed || !img.isConnected) return;
      const url = URL.createObjectURL(small);
      urls.set(img, url);
      // bytes the browser cannot decode showed its broken-image glyph: "No preview" as for a refused thumbnail
      img.addEventListener('error', () => missing(img), { once: true });
      img.src = url;
    } catch (error) {
      if (!closed) missing(img);
    }
  }

  function missing(img) {
    if (img.isConnected) img.replaceWith(el('span', { class: 'thumb-missing', text: 'No preview' }));
  }

  async function fetchThumbnail(imageId) {
    for (let tried = 1; ; tried++) {
      try {
        const response = await call(`/v1/images/${encodeURIComponent(imageId)}/thumbnail?width=${thumbnailWidth()}`);
        return await response.blob();
      } catch (error) {
        if (!(error instanceof Problem) || !AGAIN.has(error.status) || tried >= TRIES || closed) throw error;
        await afterRetryAfter(error.retryAfter);
      }
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
