import { call } from './api.js';

/**
 * A picture the browser can show: the image itself when it decodes it, else the server's copy of the stored image
 * (GET /v1/images/{id}/thumbnail?width=640, a JPEG or PNG): Chromium and Firefox show no TIFF, which the API takes.
 * Resolves to {blob, copy} (copy true for the server's copy), or null when neither can be had.
 */
export async function shownPicture(blob, imageId) {
  if (await decodes(blob)) return { blob, copy: false };
  try {
    const response = await call(`/v1/images/${encodeURIComponent(imageId)}/thumbnail?width=${COPY_WIDTH}`);
    return { blob: await response.blob(), copy: true };
  } catch (error) {
    return null;
  }
}

/** A stored image (a job's result): its bytes, and a picture of it the browser can show as shownPicture says. */
export async function storedPicture(imageId) {
  const blob = await (await call(`/v1/images/${encodeURIComponent(imageId)}/content`)).blob();
  return { blob, shown: await shownPicture(blob, imageId) };
}

export const COPY_WIDTH = 640;

async function decodes(blob) {
  try {
    (await createImageBitmap(blob)).close();
    return true;
  } catch (error) {
    return false;
  }
}
