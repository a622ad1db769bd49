import { uploadImage } from './api.js';
import { byteSize, el } from './ui.js';

/**
 * Uploads `file` (uploadImage's options) with its progress shown in `container`, a status region: a bar, and
 * "Uploading portrait.jpg: 12 MiB of 30 MiB (40 %)". The words change at each tenth of the way only, so a screen
 * reader says ten steps, not every event; once the last byte is sent they say that the gateway is checking and storing
 * it, which takes a while for a large file too. `cancel` (a button, optional) is shown beside the bar. Returns the image.
 */
export function uploadShowingProgress(file, container, options = {}, cancel = null) {
  const name = file.name || 'The image';
  const bar = el('progress', { class: 'upload-progress', max: Math.max(1, file.size), value: 0, 'aria-label': `Upload of ${name}` });
  const words = el('span', { class: 'upload-progress-text', text: `Uploading ${name}: ${byteSize(file.size)}…` });
  container.replaceChildren(el('p', { class: 'upload-progress-line' }, words), el('div', { class: 'row upload-progress-row' }, bar, cancel || ''));
  let tenths = -1;
  const onProgress = (sent, total) => {
    bar.max = Math.max(1, total);
    bar.value = sent;
    if (sent >= total) {
      words.textContent = `${name} is sent (${byteSize(total)}): the gateway is checking and storing it…`;
      if (cancel) cancel.remove();
      return;
    }
    const step = Math.floor((10 * sent) / total);
    if (step === tenths) return;
    tenths = step;
    words.textContent = `Uploading ${name}: ${byteSize(sent)} of ${byteSize(total)} (${step * 10} %)…`;
  };
  return uploadImage(file, { ...options, onProgress });
}
