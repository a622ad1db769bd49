import { byteSize } from './ui.js';
import { pixelSize } from './imageheader.js';

// The gateway's upload limits. The API does not publish them: they are imaging's ImageLimits.DEFAULT (the gateway's
// ImageService checks every upload against it) as docs/api.md "Images" documents them (413 image-too-large), and
// gateway-service's StudioLimitsTest keeps these two equal to it.
export const UPLOAD_MAX_BYTES = 30 * 1024 * 1024;
export const UPLOAD_MAX_PIXELS = 50_000_000;

// The side of the least patch a mask paints: a job's mask painting less than such a patch (or a quarter of a smaller
// image) is refused by the gateway, 422 mask-too-small before any credit is held (gateway's MaskArea.MIN_SIDE, which
// StudioLimitsTest keeps this equal to; docs/api.md "Job types"). The Editor refuses it before sending the mask.
export const MASK_MIN_SIDE = 32;

/** The least painted area of a mask over an image of this size, in its pixels, as the gateway counts it. */
export function minimumMaskArea(width, height) {
  return Math.max(1, Math.min(MASK_MIN_SIDE * MASK_MIN_SIDE, Math.floor((width * height) / 4)));
}

/** A file the Studio does not send: over the limits, so the gateway would refuse it (413) after reading it all. */
export class TooLarge extends Error {
  constructor(title, detail) {
    super(title);
    this.title = title;
    this.detail = detail;
  }
}

/**
 * Throws TooLarge when the file is over the upload limits: its size, or the pixel count its header gives (PNG, JPEG,
 * WebP, TIFF; a header that cannot be read here is left to the gateway), before a byte of it is sent. Reads
 * the header only.
 */
export async function checkUploadLimits(file) {
  const name = file.name || 'The image';
  if (file.size > UPLOAD_MAX_BYTES) {
    const size = byteSize(file.size) === byteSize(UPLOAD_MAX_BYTES) ? `${file.size.toLocaleString('en')} bytes` : byteSize(file.size);
    throw new TooLarge('The file is too large',
      `${name} is ${size}; an upload may be at most ${byteSize(UPLOAD_MAX_BYTES)}. Send a smaller or more compressed image.`);
  }
  const size = await pixelSize(file);
  if (size && size.width * size.height > UPLOAD_MAX_PIXELS) {
    throw new TooLarge('The image has too many pixels',
      `${name} is ${size.width} × ${size.height} px, ${megapixels(size.width * size.height)} megapixels; `
      + `an upload may have at most ${megapixels(UPLOAD_MAX_PIXELS)} megapixels. Send a smaller image.`);
  }
}

const megapixels = (pixels) => String(Math.round(pixels / 100_000) / 10);
