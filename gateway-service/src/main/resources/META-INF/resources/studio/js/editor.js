import { json, postJson, uploadImage } from './api.js';
import { imageScreen, uploadProblem } from './upload.js';
import { holdButton, resumeJob, runJob } from './jobrun.js';
import { resultView } from './studio.js';
import { intensityControl } from './intensity.js';
import { costLine } from './cost.js';
import { el, labelled, problemBox } from './ui.js';
import { ownedUrl } from './urls.js';
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
  const mask = el('canvas', { width: image.width, height: image.height, class: 'mask-canvas', id: 'mask-canvas',
    'aria-label': 'Mask: paint with the pointer over the picture' });
  const ctx = mask.getContext('2d');
  const brush = el('input', { type: 'range', min: 4, max: 200, value: Math.max(8, Math.round(image.width / 20)) });
  const erase = el('input', { type: 'checkbox' });
  const intensity = intensityControl('editor-intensity', 'most portraits land at 35–60');
  // off until the catalogue says a model can inpaint here: without one the job would be refused after the mask's upload
  const inpaint = el('input', { type: 'checkbox', disabled: true });
  const inpaintModel = el('select', { disabled: true });
  const inpaintPrompt = el('input', { type: 'text', placeholder: 'natural skin with visible pores', disabled: true });
  const noInpaint = el('div', { id: 'no-inpaint-model', class: 'hint', hidden: true });
  const restore = el('button', { type: 'button', id: 'restore-mask', text: 'Rework inside the mask' });
  // priced before the mask exists: neither the mask nor the level changes the price, the image's size and the model do
  // (the image stands in for its own mask in the quote)
  const cost = costLine('editor-cost');
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
  const message = el('div');
  const result = el('section', { id: 'editor-result', 'aria-label': 'Result' });
  let painted = false;

  let drawing = false;
  let last = null;
  function point(event) {
    const box = mask.getBoundingClientRect();
    return [(event.clientX - box.left) * (mask.width / box.width), (event.clientY - box.top) * (mask.height / box.height)];
  }
  function stroke(to) {
    ctx.globalCompositeOperation = erase.checked ? 'destination-out' : 'source-over';
    ctx.strokeStyle = 'rgba(255, 60, 60, 1)';
    ctx.lineWidth = Number(brush.value) * (mask.width / mask.getBoundingClientRect().width);
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(...(last || to));
    ctx.lineTo(...to);
    ctx.stroke();
    last = to;
    painted = true;
  }
  mask.addEventListener('pointerdown', (event) => {
    drawing = true;
    last = null;
    mask.setPointerCapture(event.pointerId);
    stroke(point(event));
  });
  mask.addEventListener('pointermove', (event) => drawing && stroke(point(event)));
  mask.addEventListener('pointerup', () => { drawing = false; });

  // the tinted area is the mask on screen: a job shown again after a reload has none painted, and shows no tint
  const showResult = (done, afterUrl, afterShown) => result.replaceChildren(...resultView(done, url, afterUrl, file.name,
    done.type === 'texture-restore' && (done.request || {}).intensity === 'auto', { before: originalShown, after: afterShown }),
  afterShown && painted ? highlight(afterShown, mask) : '');
  const remember = `editor:${image.id}`;

  const clear = el('button', { type: 'button', text: 'Clear the mask', onclick: () => {
    ctx.clearRect(0, 0, mask.width, mask.height);
    painted = false;
  } });
  restore.addEventListener('click', async () => {
    message.replaceChildren();
    if (!painted) {
      message.replaceChildren(problemBox({ title: 'Nothing is masked', detail: 'Paint over the skin to rework first.' }));
      return;
    }
    // held from here: a double click uploads one mask and runs one job
    const release = holdButton(restore);
    let maskImage;
    try {
      maskImage = await uploadImage(await maskPng(mask));
    } catch (error) {
      message.replaceChildren(uploadProblem(error));
      return;
    } finally {
      release(); // runJob holds it from here until the job ends
    }
    // skin-inpaint needs an image model with a provider key at the server; texture-restore runs everywhere
    const request = inpaint.checked
      ? { type: 'skin-inpaint', imageId: image.id, maskImageId: maskImage.id, model: inpaintModel.value, prompt: inpaintPrompt.value || undefined }
      : { type: 'texture-restore', imageId: image.id, maskImageId: maskImage.id, intensity: intensity.value() };
    if (job) job.close(); // the new result replaces the last one, whose object URL goes with it
    job = runJob(request, showResult, restore, remember);
    result.replaceChildren(job.node);
  });

  const picture = el('img', { src: url, alt: 'The image being masked', draggable: 'false' });
  shownPicture(file, image.id).then((shown) => {
    if (shown && shown.copy) {
      originalShown = shownOriginal.set(URL.createObjectURL(shown.blob)) || originalShown;
      picture.src = originalShown;
    }
  });
  work.append(
    el('div', { class: 'mask-stage' }, picture, mask),
    el('div', { class: 'row' }, labelled('brush-size', 'Brush size', brush), labelled('erase', 'Erase', erase), clear),
    intensity.node,
    el('div', { class: 'row' }, labelled('inpaint', 'Inpaint with an image model instead', inpaint),
      labelled('inpaint-model', 'Model', inpaintModel), labelled('inpaint-prompt', 'Inpaint prompt', inpaintPrompt)),
    noInpaint, cost.node, restore, message, result);
  priceIt();
  job = resumeJob(remember, showResult, restore);
  if (job) result.replaceChildren(job.node);
  offerInpainting(inpaint, inpaintModel, noInpaint).then((any) => {
    offered.model = any;
    followTheBox();
  });
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

/** The result with the masked (changed) area tinted. */
function highlight(afterUrl, mask) {
  const tint = el('canvas', { width: mask.width, height: mask.height, class: 'mask-canvas' });
  tint.getContext('2d').drawImage(mask, 0, 0);
  return el('figure', { class: 'mask-stage highlight', id: 'changed-area' },
    el('img', { src: afterUrl, alt: 'The result with the changed area tinted' }), tint,
    el('figcaption', { text: 'Tinted: the only area that was reworked.' }));
}
