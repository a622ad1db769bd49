import { el } from './ui.js';

/** A word diff (longest common subsequence over words and the spaces between them) as <del> and <ins>. */
export function wordDiff(before, after) {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = el('p', { class: 'diff', id: 'prompt-diff' });
  let i = 0;
  let j = 0;
  let last = null; // the tag of the last run appended: 'ins', 'del', or null for common text
  let lastText = '';
  // a deleted word next to an inserted one read as one word ("forehead~~flawless~~"): a space between them
  const change = (tag, text) => {
    if (last && last !== tag && /\S$/.test(lastText) && /^\S/.test(text)) out.append(' ');
    out.append(el(tag, { text }));
    last = tag;
    lastText = text;
  };
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.append(a[i++]);
      j++;
      last = null;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      change('ins', b[j++]);
    } else {
      change('del', a[i++]);
    }
  }
  return out;
}
