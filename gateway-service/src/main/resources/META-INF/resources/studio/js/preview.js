import { call, Problem, retryAfterSeconds } from './api.js';
import { levelsFromHeader } from './levels.js';

/**
 * Live previews for a slider: a small copy of the image (at most PREVIEW_EDGE px on its long side, well under the
 * 2 MP limit of POST /v1/previews), debounced, and never more than one request in flight: while one runs, only the
 * latest wish is remembered and sent when it returns. An intensity is 0..100 or 'auto'; the answer carries the level
 * each face got (with 'auto' the one the engine chose). The gateway runs one preview per key at a time: one refused for
 * that (429 preview-in-progress: the preview of an image just left may still run there) is sent again after its
 * Retry-After, up to BUSY_TRIES times in a row. stop() ends it: nothing more is sent, and the request on its way is
 * aborted, its answer never shown.
 */
export const PREVIEW_EDGE = 768;
const DEBOUNCE_MS = 250;
const BUSY_TRIES = 5;

/** A JPEG copy of the image at most `edge` px on its long side (the preview's size unless asked). */
export async function smallCopy(file, edge = PREVIEW_EDGE) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
}

export function previewer(image, onPreview, onProblem) {
  let timer = null;
  let inFlight = null; // the AbortController of the request on its way
  let wanted = null;
  let shown = null;
  let sent = 0;
  let busy = 0; // preview-in-progress refusals in a row
  let stopped = false;

  async function send() {
    if (stopped || inFlight || wanted === null || wanted === shown) return;
    inFlight = new AbortController();
    const intensity = wanted;
    let again = 0; // ms to wait before the next send: the key's preview slot was taken
    try {
      sent += 1;
      const response = await call(`/v1/previews?intensity=${intensity}`,
        { method: 'POST', headers: { 'Content-Type': image.type }, body: image, signal: inFlight.signal });
      const picture = await response.blob();
      if (stopped) return;
      busy = 0;
      shown = intensity;
      onPreview({
        intensity,
        url: URL.createObjectURL(picture),
        before: header(response, 'X-Plastic-Score-Before'),
        after: header(response, 'X-Plastic-Score-After'),
        faces: Number(response.headers.get('X-Faces') || 0),
        levels: levelsFromHeader(response.headers.get('X-Face-Intensities')),
      });
    } catch (error) {
      if (stopped) return;
      if (error instanceof Problem && error.is('preview-in-progress') && busy < BUSY_TRIES) {
        busy += 1;
        again = (retryAfterSeconds(error.retryAfter) || 1) * 1000;
        return;
      }
      busy = 0;
      shown = intensity;
      onProblem(error);
    } finally {
      inFlight = null;
      if (again) {
        clearTimeout(timer);
        timer = setTimeout(send, again);
      } else {
        send();
      }
    }
  }

  return {
    request(intensity) {
      wanted = intensity;
      clearTimeout(timer);
      timer = setTimeout(send, DEBOUNCE_MS);
    },
    requestsSent: () => sent,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      if (inFlight) inFlight.abort();
    },
  };
}

function header(response, name) {
  const value = response.headers.get(name);
  return value === null ? null : Number(value);
}
