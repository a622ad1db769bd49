import { el } from './ui.js';

/**
 * A restore's locality receipt (result.locality), plainly: how many pixels changed and inside which boxes, and that
 * everything else is identical, with the two SHA-256 hashes of the pixels outside the boxes in a details element.
 * Hashes that differ (a re-encoded JPEG moves every pixel a little) are flagged as an alert.
 */
export function localityReceipt(locality) {
  if (!locality) return null;
  // "the 349 × 622 px box at 314,171": the size with its unit, then where its top-left corner lies
  const boxes = (locality.boxes || []).map(([x, y, w, h]) => `the ${w} × ${h} px box at ${x},${y}`).join(' and ');
  const changed = `${count(locality.changedPixels)} pixel${locality.changedPixels === 1 ? '' : 's'} changed`;
  const identical = locality.identical && locality.sha256Before === locality.sha256After && locality.layoutBefore === locality.layoutAfter;
  const plain = locality.changedPixels === 0 ? `No pixel changed: the whole image is identical (hash ${short(locality.sha256After)})`
    : `${changed} inside ${boxes}; everything else identical (hash ${short(locality.sha256After)})`;
  const summary = identical
    ? el('p', { id: 'receipt-summary', text: plain })
    : el('div', { id: 'receipt-summary', class: 'problem', role: 'alert' },
      el('strong', { class: 'problem-title', text: `${changed}, not only inside ${boxes || 'the reworked area'}: the hashes of everything else differ before and after` }),
      el('p', { class: 'problem-detail', text: 'Re-encoding a JPEG moves every pixel a little; a PNG result keeps everything outside the boxes exact.' }));
  return el('section', { id: 'locality-receipt', class: 'receipt', 'aria-label': 'Locality receipt' }, summary,
    el('details', {}, el('summary', { text: 'Receipt: SHA-256 of the pixels outside the boxes (boxes set to 0)' }),
      el('dl', {},
        el('dt', { text: `Before (${locality.layoutBefore})` }), el('dd', { id: 'receipt-sha-before', class: 'hash', text: locality.sha256Before }),
        el('dt', { text: `After (${locality.layoutAfter})` }), el('dd', { id: 'receipt-sha-after', class: 'hash', text: locality.sha256After }))));
}

const count = (n) => new Intl.NumberFormat('en').format(n);
const short = (hash) => `${String(hash).slice(0, 12)}…`;
