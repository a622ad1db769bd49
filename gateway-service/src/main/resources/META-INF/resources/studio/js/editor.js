import { call, json, postJson, session } from './api.js';
import { pendingMask, sendMask } from './maskupload.js';
import { imageScreen, uploadProblem } from './upload.js';
import { dropUploads, resumeJob, runJob, showStarted } from './jobrun.js';
import { resultView } from './studio.js';
import { intensityControl } from './intensity.js';
import { costLine } from './cost.js';
import { el, holdButton, labelled, problemBox, shownValue } from './ui.js';
import { ownedUrl } from './urls.js';
import { minimumMaskArea } from './limits.js';
import { maskStrokes } from './maskstrokes.js';
import { shownPicture } from './shown.js';
import { callerPlan, offeredModels, preselected } from './models.js';

// Local fix: paint a mask over the part to rework (white = restore here); every pixel outside stays identical.
export function editor(main, imageId = null) {
  return imageScreen(main, '#/editor', 'Editor', 'Paint over the skin to rework, then restore only there: every pixel outside the mask stays byte-identical.',
    'Choose an image to edit', show, imageId);
}

function show(work, file, image, cleanups) {
  const original = ownedUrl();
  const url = original.set(URL.createObjectURL(file));
  // the picture painted over: the file, or the server's copy of one the browser cannot show (TIFF)
  const shownOriginal = ownedUrl();
  let originalShown = url;
  let job = null;
  cleanups.push(original.revoke, shownOriginal.revoke, () => job && job.close());
  // The mask is drawn at the image's own size; the canvas is scaled to the screen by CSS.
  // focusable, and painted with the keyboard too (keyboardBrush); role application: a screen reader in browse mode
  // passes the arrow keys, Space and Enter on to it
  const mask = el('canvas', { width: image.width, height: image.height, class: 'mask-canvas', id: 'mask-canvas', tabindex: '0',
    role: 'application', 'aria-label': 'Mask over the picture', 'aria-describedby': 'mask-keys-hint' });
  const brush = el('input', { type: 'range', min: 4, max: 200, value: Math.max(8, Math.round(image.width / 20)) });
  const erase = el('input', { type: 'checkbox' });
  const intensity = intensityControl('editor-intensity', 'most portraits land at 35–60');
  // off until the catalogue says a model can inpaint here: without one the job would be refused after the mask's upload
  const inpaint = el('input', { type: 'checkbox', disabled: true });
  const inpaintModel = el('select', { disabled: true });
  const inpaintPrompt = el('input', { type: 'text', placeholder: 'natural skin with visible pores', disabled: true });
  const noInpaint = el('div', { id: 'no-inpaint-model', class: 'hint', hidden: true });
  const restore = el('button', { type: 'button', id: 'restore-mask', text: 'Rework inside the mask', 'aria-describedby': 'mask-minimum' });
  // priced before the mask exists: neither the mask nor the level changes the price, the image's size and the model do
  // (the image stands in for its own mask in the quote)
  const cost = costLine('editor-cost', restore);
  const priceIt = () => cost.update(inpaint.checked
    ? { type: 'skin-inpaint', imageId: image.id, maskImageId: image.id, model: inpaintModel.value }
    : { type: 'texture-restore', imageId: image.id, intensity: intensity.value() });
  // the model and the prompt are the inpainting's, the level the restore's: each is offered only while it applies, so a
  // model chosen without the box ticked does not pass for an inpainting that will not run
  const offered = { model: false };
  const followTheBox = () => {
    inpaintModel.disabled = !inpaint.checked || !offered.model;
    inpaintPrompt.disabled = !inpaint.checked;
    intensity.node.hidden = inpaint.checked;
  };
  inpaint.addEventListener('change', followTheBox);
  [inpaint, inpaintModel].forEach((input) => input.addEventListener('change', priceIt));
  const message = el('div', { id: 'mask-message', role: 'status' }); // the mask's upload progress is said; a refusal inside it is an alert
  const minimum = minimumMaskArea(image.width, image.height);
  const minimumHint = el('p', { id: 'mask-minimum', class: 'hint', text: `Paint at least ${pixels(minimum)} of the image: `
    + 'a smaller mask changes too little to see, and its job would still be billed.' });
  const result = el('section', { id: 'editor-result', 'aria-label': 'Result' });
  const strokes = maskStrokes(mask);
  const undo = el('button', { type: 'button', id: 'undo-mask', text: 'Undo', disabled: true,
    'aria-keyshortcuts': 'Control+Z', title: 'Undo the last stroke or clear (Ctrl+Z on the picture)' });
  const followHistory = () => { undo.disabled = !strokes.canUndo(); };
  const remember = `editor:${image.id}`;
  // the painting and its undo history, kept in the tab at the end of each step (at most STROKES_KEPT characters, so that
  // a mask on its way still finds room there: maskupload.js): a reload (the address names the image) shows the mask as
  // it was painted, where until 2026-12-08 it was lost
  const keepStrokes = () => {
    const saved = strokes.saved();
    if (JSON.stringify(saved).length > STROKES_KEPT || !session.rememberStrokes(remember, saved)) session.forgetStrokes(remember);
  };

  let drawing = false;
  let last = null;
  function point(event) {
    const box = mask.getBoundingClientRect();
    return [(event.clientX - box.left) * (mask.width / box.width), (event.clientY - box.top) * (mask.height / box.height)];
  }
  // A line from the last point, or a dab where a stroke starts (maskStrokes keeps each, to be undone)
  function stroke(to) {
    const width = Number(brush.value) * (mask.width / mask.getBoundingClientRect().width);
    if (last) strokes.line(last, to, width, erase.checked);
    else strokes.dab(to, width, erase.checked);
    last = to;
    followHistory();
  }
  mask.addEventListener('pointerdown', (event) => {
    drawing = true;
    last = null;
    mask.setPointerCapture(event.pointerId);
    stroke(point(event));
  });
  mask.addEventListener('pointermove', (event) => drawing && stroke(point(event)));
  const strokeEnds = () => {
    if (!drawing) return;
    drawing = false;
    keepStrokes();
  };
  mask.addEventListener('pointerup', strokeEnds);
  mask.addEventListener('lostpointercapture', strokeEnds);
  const keys = keyboardBrush(mask, brush, erase, (to, from) => {
    last = from;
    stroke(to);
    keepStrokes();
  });
  const undoLast = () => {
    drawing = false;
    last = null;
    const undone = strokes.undo();
    followHistory();
    keepStrokes();
    keys.said.textContent = undone ? 'Undid the last step.' : 'Nothing to undo.';
  };
  undo.addEventListener('click', undoLast);
  mask.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      undoLast();
    }
  });

  // the tinted area is the job's own mask (not what is painted now, which may have changed since, or, after a reload,
  // be nothing): the one this page uploaded for it, else the stored mask its request names
  const uploadedMasks = new Map();
  const showResult = (done, afterUrl, afterShown) => {
    result.replaceChildren(...resultView(done, url, afterUrl, file.name,
      done.type === 'texture-restore' && (done.request || {}).intensity === 'auto', { before: originalShown, after: afterShown }));
    const maskId = (done.request || {}).maskImageId;
    if (afterShown && maskId) result.append(highlight(afterShown, uploadedMasks.get(maskId) || storedMask(maskId)));
  };

  const clear = el('button', { type: 'button', id: 'clear-mask', text: 'Clear the mask', onclick: () => {
    strokes.clear();
    followHistory();
    keepStrokes();
  } });
  // a job refused at submit (too few credits, the gateway failing, say) leaves no mask stored for it: it was uploaded
  // for that job alone
  const dropMask = (problem, request) => dropUploads([request.maskImageId], 'mask');
  // the mask, then its job: a reload while the mask is on its way sends it again, and its job after it (maskupload.js)
  const maskThenJob = async (pngOf, request, sendIt) => {
    // held from here: a double click uploads one mask and runs one job
    const release = holdButton(restore);
    let maskImage;
    let png;
    try {
      png = await pngOf();
      maskImage = await sendIt(png, message);
      uploadedMasks.set(maskImage.id, png);
      message.replaceChildren();
    } catch (error) {
      message.replaceChildren(uploadProblem(error));
      return;
    } finally {
      release(); // runJob holds it from here until the job ends
    }
    if (job) job.close(); // the new result replaces the last one, whose object URL goes with it
    job = runJob({ ...request, maskImageId: maskImage.id }, showResult, restore, remember, dropMask);
    session.forgetMask(remember); // its job's submit is remembered in its place
    showStarted(result, job);
  };
  restore.addEventListener('click', () => {
    message.replaceChildren();
    // a mask of a few pixels ran a job, billed, that changed nothing to see: refused here, before anything is sent
    const area = paintedArea(mask);
    if (area === 0) {
      message.replaceChildren(problemBox({ title: 'Nothing is masked', detail: 'Paint over the skin to rework first.' }));
      return;
    }
    if (area < minimum) {
      message.replaceChildren(problemBox({ title: 'The mask is too small', detail: `It covers about ${pixels(area)} of the image; `
        + `paint at least ${pixels(minimum)} (a larger brush, or more strokes) over the skin to rework.` }));
      return;
    }
    // skin-inpaint needs an image model with a provider key at the server; texture-restore runs everywhere
    const request = inpaint.checked
      ? { type: 'skin-inpaint', imageId: image.id, model: inpaintModel.value, prompt: inpaintPrompt.value || undefined }
      : { type: 'texture-restore', imageId: image.id, intensity: intensity.value() };
    maskThenJob(() => maskPng(mask), request, (png, progress) => sendMask(remember, png, request, progress));
  });

  const picture = el('img', { src: url, alt: 'The image being masked', draggable: 'false' });
  shownPicture(file, image.id).then((shown) => {
    if (shown && shown.copy) {
      originalShown = shownOriginal.set(URL.createObjectURL(shown.blob)) || originalShown;
      picture.src = originalShown;
    }
  });
  work.append(
    el('div', { class: 'mask-stage' }, picture, mask, keys.cursor), keys.hint, keys.said,
    el('div', { class: 'row' }, labelled('brush-size', 'Brush size', brush), shownValue(brush, 'brush-size', (v) => `${v} px`),
      labelled('erase', 'Erase', erase), undo, clear),
    intensity.node,
    el('div', { class: 'row' }, labelled('inpaint', 'Inpaint with an image model instead', inpaint),
      labelled('inpaint-model', 'Model', inpaintModel), labelled('inpaint-prompt', 'Inpaint prompt', inpaintPrompt)),
    noInpaint, minimumHint, cost.node, restore, message, result);
  priceIt();
  // the mask as it was painted before a reload, its steps to be undone as before
  const painted = strokes.restore(session.rememberedStrokes(remember));
  followHistory();
  const interrupted = pendingMask(remember);
  if (interrupted) {
    // shown on the picture as it was painted (when the tab had no room for its steps, from the mask being sent), and
    // said: the job the page was reloaded before is on its way again
    if (!painted) tintOf(interrupted.png).then((tint) => strokes.setBase(tint), () => {});
    result.replaceChildren(el('p', { id: 'mask-sent-again', text: 'The page was reloaded while the mask was being sent: '
      + 'it is sent again, then its job runs.' }));
    maskThenJob(() => interrupted.png, interrupted.request, (png, progress) => interrupted.send(progress));
  } else {
    job = resumeJob(remember, showResult, restore, dropMask);
    if (job) result.replaceChildren(job.node);
  }
  offerInpainting(inpaint, inpaintModel, noInpaint).then((any) => {
    offered.model = any;
    followTheBox();
  });
}

/**
 * Painting the mask with the keyboard: the arrow keys move a brush cursor over the picture (1 % of its side a press,
 * Shift 10 %), Space paints (or, with Erase ticked, erases) a dab where it is, Enter starts or stops painting as it
 * moves; each step is said in a polite live region. paint(to, from) paints at `to` (image pixels), a stroke from
 * `from` when given. Returns {cursor, hint, said}, the elements to place.
 */
function keyboardBrush(mask, brush, erase, paint) {
  const at = { x: 50, y: 50 };
  let painting = false;
  const cursor = el('div', { class: 'mask-cursor', 'aria-hidden': 'true', hidden: true });
  const hint = el('p', { id: 'mask-keys-hint', class: 'hint', text: 'With the keyboard: Tab to the picture, then the arrow keys '
    + 'move the brush (with Shift, ten times as far), Space paints where it is, Enter starts or stops painting as it moves. '
    + 'Brush size and Erase apply.' });
  const said = el('p', { id: 'mask-keys-status', class: 'hint', 'aria-live': 'polite' });
  const where = () => `${at.x} %, ${at.y} %`;
  const pixel = () => [(at.x / 100) * mask.width, (at.y / 100) * mask.height];
  const place = () => {
    const box = mask.getBoundingClientRect();
    const side = `${Number(brush.value)}px`;
    Object.assign(cursor.style, { left: `${at.x}%`, top: `${at.y}%`, width: side, height: side });
    cursor.hidden = box.width === 0;
  };
  const verb = () => (erase.checked ? 'erasing' : 'painting');
  mask.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 10 : 1;
    const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[event.key];
    if (move) {
      const from = pixel();
      at.x = Math.min(100, Math.max(0, at.x + move[0]));
      at.y = Math.min(100, Math.max(0, at.y + move[1]));
      if (painting) paint(pixel(), from);
      said.textContent = `Brush at ${where()}${painting ? `, ${verb()}` : ''}.`;
    } else if (event.key === ' ') {
      paint(pixel(), null);
      said.textContent = `${erase.checked ? 'Erased' : 'Painted'} at ${where()}.`;
    } else if (event.key === 'Enter') {
      painting = !painting;
      if (painting) paint(pixel(), null);
      said.textContent = painting ? `${erase.checked ? 'Erasing' : 'Painting'} as the brush moves, from ${where()}: Enter stops.`
        : `Not ${verb()}: the arrow keys move the brush only, Enter ${erase.checked ? 'erases' : 'paints'} again.`;
    } else {
      return;
    }
    event.preventDefault(); // Space and the arrows would scroll the page
    place();
  });
  // shown when the keyboard brought the focus (a click to paint with the pointer shows no ring)
  mask.addEventListener('focus', () => {
    place();
    cursor.hidden = cursor.hidden || !mask.matches(':focus-visible');
  });
  mask.addEventListener('blur', () => {
    painting = false;
    cursor.hidden = true;
  });
  return { cursor, hint, said };
}

/**
 * The models that can inpaint here, the recommended one first chosen; none: the box stays off, and says why. Whether
 * any is offered.
 */
async function offerInpainting(box, select, note) {
  try {
    const catalogue = await json('/v1/models');
    const offered = offeredModels(catalogue, 'inpainting');
    if (offered.length === 0) {
      note.textContent = 'No image model can inpaint on this deployment: no image provider is configured for one. '
        + 'The texture restore works without one.';
      note.hidden = false;
      return false;
    }
    // none for the caller's plan (422) leaves the best skin offered chosen; the job's submit then says what the plan lacks
    const recommended = await postJson('/v1/models/recommend', { phase: 'final', needs: ['inpaint'], plan: await callerPlan() })
      .catch(() => ({}));
    const chosen = preselected(offered, recommended.model || {});
    select.replaceChildren(...offered.map((m) => el('option', { value: m.id, text: m.id, selected: m.id === chosen })));
    box.disabled = false;
    return true;
  } catch (error) {
    note.replaceChildren(problemBox(error));
    note.hidden = false;
    return false;
  }
}

// how much of the tab's storage (a few MB an origin) the painting's steps may take, in characters: tens of thousands of marks
const STROKES_KEPT = 1_000_000;

const pixels = (n) => `${new Intl.NumberFormat('en').format(Math.round(n))} pixel${Math.round(n) === 1 ? '' : 's'}`;

/**
 * How many of the image's pixels the mask covers, from a copy of at most a megapixel (a 50 MP mask's pixels read whole
 * would take 200 MB): each copied pixel's coverage (its alpha) times the image pixels it stands for.
 */
function paintedArea(painted) {
  const scale = Math.min(1, Math.sqrt(1_000_000 / (painted.width * painted.height)));
  const copy = el('canvas', { width: Math.max(1, Math.round(painted.width * scale)), height: Math.max(1, Math.round(painted.height * scale)) });
  const ctx = copy.getContext('2d');
  ctx.drawImage(painted, 0, 0, copy.width, copy.height);
  const alpha = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let covered = 0;
  for (let i = 3; i < alpha.length; i += 4) covered += alpha[i];
  return (covered / 255) * ((painted.width * painted.height) / (copy.width * copy.height));
}

/** White where painted, black elsewhere, as a PNG at the image's size: the mask format of texture-restore. */
function maskPng(painted) {
  const out = el('canvas', { width: painted.width, height: painted.height });
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, out.width, out.height);
  const white = el('canvas', { width: painted.width, height: painted.height });
  const w = white.getContext('2d');
  w.drawImage(painted, 0, 0);
  w.globalCompositeOperation = 'source-in';
  w.fillStyle = '#fff';
  w.fillRect(0, 0, white.width, white.height);
  ctx.drawImage(white, 0, 0);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/**
 * The result with the masked (changed) area tinted: `maskPng` (a Blob, or a promise of one) is the job's mask, white
 * where it reworks. The tint comes once the mask is read; a mask that cannot be read takes the figure away.
 */
function highlight(afterUrl, maskPng) {
  const caption = el('figcaption', { text: 'Tinted: the only area that was reworked.' });
  const figure = el('figure', { class: 'mask-stage highlight', id: 'changed-area' },
    el('img', { src: afterUrl, alt: 'The result with the changed area tinted' }), caption);
  Promise.resolve(maskPng).then(tintOf).then((tint) => figure.insertBefore(tint, caption), () => figure.remove());
  return figure;
}

/** A stored mask's PNG (a job shown again after a reload names its mask by id). */
async function storedMask(maskId) {
  return (await call(`/v1/images/${encodeURIComponent(maskId)}/content`)).blob();
}

/** A canvas at the mask's size, painted as the brush paints where the mask is white and clear where it is black. */
async function tintOf(maskPng) {
  const bitmap = await createImageBitmap(maskPng);
  const tint = el('canvas', { width: bitmap.width, height: bitmap.height, class: 'mask-canvas' });
  const ctx = tint.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = ctx.getImageData(0, 0, tint.width, tint.height);
  const d = pixels.data;
  for (let i = 0; i < d.length; i += 4) {
    d[i + 3] = d[i]; // white: opaque, black: clear
    d[i] = 255;
    d[i + 1] = 60;
    d[i + 2] = 60;
  }
  ctx.putImageData(pixels, 0, 0);
  return tint;
}
