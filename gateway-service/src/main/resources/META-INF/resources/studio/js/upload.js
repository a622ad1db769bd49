import { uploadImage } from './api.js';
import { el, problemBox } from './ui.js';

/**
 * A drop zone with a file input inside (so the keyboard reaches it too). The file is uploaded as it is; the gateway
 * checks size, format and pixel count from the header, and its problem's title and detail are shown before anything
 * else happens. onImage(file, image) gets the File and the stored image.
 */
export function dropZone(label, onImage) {
  const input = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/tiff', id: 'upload-input' });
  const message = el('div', { class: 'upload-message' });
  const zone = el('div', { class: 'drop-zone' },
    el('label', { for: 'upload-input', text: label }),
    el('p', { class: 'hint', text: 'Drop a JPEG, PNG, WebP or TIFF here (at most 30 MiB and 50 megapixels), or choose one.' }),
    input, message);

  async function take(file) {
    message.replaceChildren(el('p', { text: `Uploading ${file.name}…` }));
    try {
      const image = await uploadImage(file);
      message.replaceChildren(el('p', { text: `${file.name}: ${image.width}×${image.height}` }));
      onImage(file, image);
    } catch (error) {
      message.replaceChildren(problemBox(error));
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
 * for each new image (the previous image's cleanups run first). Returns the screen's cleanup.
 */
export function imageScreen(main, heading, intro, label, show) {
  const work = el('div', { class: 'work' });
  let cleanups = [];
  const reset = () => {
    cleanups.forEach((c) => c());
    cleanups = [];
  };
  main.append(el('h1', { text: heading }), intro ? el('p', { text: intro }) : '', dropZone(label, (file, image) => {
    reset();
    work.replaceChildren();
    show(work, file, image, cleanups);
  }), work);
  return reset;
}
