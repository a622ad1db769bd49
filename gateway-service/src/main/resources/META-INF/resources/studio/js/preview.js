import { call } from './api.js';
import { levelsFromHeader } from './levels.js';

/**
 * Live previews for a slider: a small copy of the image (at most PREVIEW_EDGE px on its long side, well under the
 * 2 MP limit of POST /v1/previews), debounced, and never more than one request in flight: while one runs, only the
 * latest wish is remembered and sent when it returns. An intensity is 0..100 or 'auto'; the answer carries the level
 * each face got (with 'auto' the one the engine chose).
 */
const PREVIEW_EDGE = 768;
const DEBOUNCE_MS = 250;

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
  let inFlight = false;
  let wanted = null;
  let shown = null;
  let sent = 0;

  async function send() {
    if (inFlight || wanted === null || wanted === shown) return;
    inFlight = true;
    const intensity = wanted;
    try {
      sent += 1;
      const response = await call(`/v1/previews?intensity=${intensity}`, { method: 'POST', headers: { 'Content-Type': image.type }, body: image });
      shown = intensity;
      onPreview({
        intensity,
        url: URL.createObjectURL(await response.blob()),
        before: header(response, 'X-Plastic-Score-Before'),
        after: header(response, 'X-Plastic-Score-After'),
        faces: Number(response.headers.get('X-Faces') || 0),
        levels: levelsFromHeader(response.headers.get('X-Face-Intensities')),
      });
    } catch (error) {
      shown = intensity;
      onProblem(error);
    } finally {
      inFlight = false;
      send();
    }
  }

  return {
    request(intensity) {
      wanted = intensity;
      clearTimeout(timer);
      timer = setTimeout(send, DEBOUNCE_MS);
    },
    requestsSent: () => sent,
    stop: () => clearTimeout(timer),
  };
}

function header(response, name) {
  const value = response.headers.get(name);
  return value === null ? null : Number(value);
}
