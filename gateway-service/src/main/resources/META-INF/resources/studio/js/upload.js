import { call, json, Problem } from './api.js';
import { uploadShowingProgress } from './uploadprogress.js';
import { byteSize, el, fileExtension, imageSize, problemBox, problemWithRetry } from './ui.js';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_PIXELS } from './limits.js';

/**
 * A drop zone with a file input inside (so the keyboard reaches it too). The file is uploaded as it is, unless its size
 * or the pixel count in its header is over the gateway's limits (limits.js: then nothing is sent); the gateway checks
 * size, format and pixel count from the header, and its problem's title and detail are shown before anything else
 * happens. While it is sent, its progress shows (uploadprogress.js), with a button that cancels it. onImage(file, image)
 * gets the File and the stored image.
 */
export function dropZone(label, onImage) {
  // described by the hint: a screen reader says the formats and limits with the control, not only to one reading on
  const input = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/tiff', id: 'upload-input',
    'aria-describedby': 'upload-hint' });
  // a status region: 'Uploading…' and the image's size are said as they come (a refusal inside it is an alert)
  const message = el('div', { class: 'upload-message', role: 'status' });
  const zone = el('div', { class: 'drop-zone' },
    el('label', { for: 'upload-input', text: label }),
    el('p', { id: 'upload-hint', class: 'hint', text: `Drop a JPEG, PNG, WebP or TIFF here (at most ${byteSize(UPLOAD_MAX_BYTES)} and ${UPLOAD_MAX_PIXELS / 1_000_000} megapixels), or choose one.` }),
    input, message);

  // the last file chosen is the one opened: choosing another while one is on its way (a large file on a slow line)
  // stops that one, as "Cancel the upload" does
  let latest = null;
  async function take(file) {
    if (latest) latest.abort();
    const mine = new AbortController();
    latest = mine;
    const cancel = el('button', { type: 'button', class: 'secondary cancel-upload', text: 'Cancel the upload', onclick: () => mine.abort() });
    try {
      const image = await uploadShowingProgress(file, message, { signal: mine.signal }, cancel);
      if (mine !== latest) return;
      message.replaceChildren(el('p', { text: `${file.name}: ${imageSize(image)}` }));
      onImage(file, image);
    } catch (error) {
      if (mine !== latest) return;
      // the same file chosen again (space freed, the line back) is a change, and is sent
      input.value = '';
      message.replaceChildren(error.name === 'AbortError' ? el('p', { text: `The upload of ${file.name} is canceled.` }) : uploadProblem(error));
      if (error.name === 'AbortError') input.focus(); // the Cancel button that had the focus is gone
    }
  }
  input.addEventListener('change', () => input.files[0] && take(input.files[0]));
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    if (event.dataTransfer.files[0]) take(event.dataTransfer.files[0]);
  });
  return zone;
}

/**
 * A screen that works on one uploaded image at a time: heading, intro, drop zone, and show(work, file, image, cleanups)
 * for each new image (the previous image's cleanups run first). With storedId it opens that stored image first, as if
 * it had just been uploaded (the Images screen's "Use in Studio"). The address becomes `${route}/{image id}` once an
 * image is open, so a reload, or Back after another screen, opens the same image again instead of an empty screen.
 * Returns the screen's cleanup.
 */
export function imageScreen(main, route, heading, intro, label, show, storedId = null) {
  const work = el('div', { class: 'work' });
  let cleanups = [];
  const reset = () => {
    cleanups.forEach((c) => c());
    cleanups = [];
  };
  const open = (file, image) => {
    reset();
    work.replaceChildren();
    // replaceState fires no hashchange: the screen stays as it is
    history.replaceState(history.state, '', `${route}/${encodeURIComponent(image.id)}`);
    show(work, file, image, cleanups);
  };
  const zone = dropZone(label, open);
  main.append(el('h1', { text: heading }), intro ? el('p', { text: intro }) : '', zone, work);
  if (storedId) openStored(storedId, zone.querySelector('.upload-message'), open);
  return reset;
}

/** A stored image's metadata and bytes (fetched with the key), handed on as the drop zone hands on an upload. */
async function openStored(imageId, message, open) {
  message.replaceChildren(el('p', { text: `Opening image ${imageId}…` }));
  try {
    const path = `/v1/images/${encodeURIComponent(imageId)}`;
    const [image, response] = await Promise.all([json(path), call(`${path}/content`)]);
    const file = new File([await response.blob()], `${imageId}.${fileExtension(image.contentType)}`, { type: image.contentType });
    message.replaceChildren(el('p', { text: `${file.name}: ${imageSize(image)}` }));
    open(file, image);
  } catch (error) {
    problemWithRetry(message, error, 'Open the image again', 'open-again', () => openStored(imageId, message, open),
      () => document.getElementById('main'));
  }
}

/**
 * An upload's problem as its title and detail; over the storage quota (409 storage-quota-exceeded) also what is stored
 * and a link to the Images screen, where deleting images frees the space.
 */
export function uploadProblem(error) {
  const box = problemBox(error);
  if (error instanceof Problem && error.is('storage-quota-exceeded')) {
    const { usedBytes, limitBytes, bytes, images, limitImages } = error.body;
    const stored = images >= limitImages
      ? `You store ${images} images, the most your account may keep. `
      : `Your images take ${byteSize(usedBytes)} of ${byteSize(limitBytes)}; this one needs ${byteSize(bytes)} more. `;
    box.append(el('p', { class: 'problem-detail' }, stored,
      el('a', { href: '#/images', id: 'free-space', text: 'Delete images you no longer need on the Images screen' }), '.'));
  }
  return box;
}
