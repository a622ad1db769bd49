// An image's pixel size read from its header, as the gateway's ImageProbe reads it, without decoding: PNG (IHDR), JPEG
// (the first frame header), WebP (VP8, VP8L, VP8X), TIFF (the first image's tags). null for another format or a header
// that cannot be read.
const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const MAX_SEGMENTS = 256; // a JPEG whose frame header lies behind more segments than this is left to the gateway

export async function pixelSize(blob) {
  try {
    const head = await bytes(blob, 0, 32);
    if (head.length >= 24 && head[0] === 0x89 && ascii(head, 1, 3) === 'PNG' && ascii(head, 12, 4) === 'IHDR') {
      return { width: u32(head, 16), height: u32(head, 20) };
    }
    if (head.length >= 30 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return webp(head);
    if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) return await jpeg(blob);
    if (head.length >= 8 && (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*')) return await tiff(blob, head);
  } catch (error) {
    // unreadable here: the gateway decides
  }
  return null;
}

function webp(head) {
  const chunk = ascii(head, 12, 4);
  if (chunk === 'VP8X') return { width: 1 + u24le(head, 24), height: 1 + u24le(head, 27) };
  if (chunk === 'VP8L') {
    const bits = head[21] | (head[22] << 8) | (head[23] << 16) | (head[24] << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: (head[26] | (head[27] << 8)) & 0x3fff, height: (head[28] | (head[29] << 8)) & 0x3fff };
  return null;
}

// the segments from the start marker on, each read on its own, until the first frame header (or the scan data)
async function jpeg(blob) {
  let at = 2;
  for (let i = 0; i < MAX_SEGMENTS && at + 4 <= blob.size; i++) {
    const marker = await bytes(blob, at, 4);
    if (marker[0] !== 0xff) return null;
    if (marker[1] === 0xff) { // fill bytes before a marker
      at += 1;
      continue;
    }
    if (marker[1] === 0xda || marker[1] === 0xd9) return null;
    const length = (marker[2] << 8) | marker[3];
    if (JPEG_FRAMES.has(marker[1])) {
      const frame = await bytes(blob, at + 4, 5);
      const height = (frame[1] << 8) | frame[2];
      const width = (frame[3] << 8) | frame[4];
      return height === 0 ? null : { width, height }; // a height given later (DNL): the gateway decides
    }
    at += 2 + length;
  }
  return null;
}

// a classic TIFF's first image (IFD0): its ImageWidth (256) and ImageLength (257) tags, SHORT or LONG, in the byte
// order the file declares ("II" little-endian, "MM" big-endian)
const TIFF_MAX_ENTRIES = 4096; // an IFD claiming more entries than this is left to the gateway

async function tiff(blob, head) {
  const little = head[0] === 0x49;
  const u16 = (b, i) => (little ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  const u32 = (b, i) => (little ? (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000
    : b[i] * 0x1000000 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]));
  const ifd = u32(head, 4);
  const count = u16(await bytes(blob, ifd, 2), 0);
  if (count === 0 || count > TIFF_MAX_ENTRIES) return null;
  const entries = await bytes(blob, ifd + 2, 12 * count);
  let width = null;
  let height = null;
  for (let e = 0; e + 12 <= entries.length; e += 12) {
    const tag = u16(entries, e);
    const type = u16(entries, e + 2);
    if ((tag !== 256 && tag !== 257) || u32(entries, e + 4) !== 1) continue;
    const value = type === 3 ? u16(entries, e + 8) : type === 4 ? u32(entries, e + 8) : null;
    if (tag === 256) width = value;
    else height = value;
  }
  return width && height ? { width, height } : null;
}

async function bytes(blob, from, count) {
  return new Uint8Array(await blob.slice(from, from + count).arrayBuffer());
}

const ascii = (b, from, count) => String.fromCharCode(...b.subarray(from, from + count));
const u32 = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
