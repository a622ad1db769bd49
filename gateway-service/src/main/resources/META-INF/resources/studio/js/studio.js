import { imageScreen } from './upload.js';
import { PREVIEW_EDGE, previewer, smallCopy } from './preview.js';
import { session } from './api.js';
import { resumeJob, runJob, showStarted } from './jobrun.js';
import { compareView } from './compare.js';
import { costLine } from './cost.js';
import { faceFinder } from './faces.js';
import { intensityControl } from './intensity.js';
import { faceLevels } from './levels.js';
import { textureReference } from './profiles.js';
import { localityReceipt } from './receipt.js';
import { el, fileExtension, labelled, problemBox, score } from './ui.js';
import { ownedUrl } from './urls.js';
import { COPY_WIDTH, shownPicture } from './shown.js';

// Texture restore: upload, a live preview while the slider moves (or at Auto), the texture reference (the photo's own
// or a texture profile; the full-resolution job's only), then the full-resolution job and before/after with the levels
// applied and the locality receipt. With imageId (#/studio/{id}) a stored image opens first.
export function studio(main, imageId = null) {
  return imageScreen(main, '#/studio', 'Studio', null, 'Choose a portrait', show, imageId);
}

// Object URLs (the original, the latest preview, the latest result) are revoked when replaced and when the image or
// the screen goes.
async function show(work, file, image, cleanups) {
  const original = ownedUrl();
  const originalUrl = original.set(URL.createObjectURL(file));
  // what the page shows of the original: the file, or the server's copy of a picture the browser cannot show (TIFF)
  const shownOriginal = ownedUrl();
  let originalShown = originalUrl;
  const shownPreview = ownedUrl();
  // whether the image is still the one open: after each await below, one the user has left (another image, another
  // screen) goes no further, its previews never started (their cleanup would come after the cleanups ran)
  let current = true;
  cleanups.push(original.revoke, shownOriginal.revoke, shownPreview.revoke, () => { current = false; });
  // the tab remembers the job, and the choices made, by the image: a reload (the address names the image) shows them again
  const remember = `studio:${image.id}`;
  const kept = session.rememberedChoices(remember);
  const intensity = intensityControl('intensity', 'most portraits land at 35–60', kept.level ?? 40, kept.auto === true);
  const previewImg = el('img', { id: 'preview-image', alt: 'Preview of the restore at the chosen intensity', src: originalUrl });
  const previewScores = el('p', { id: 'preview-scores', class: 'scores' });
  const previewLevels = el('div');
  const previewProblem = el('div');
  const copyNote = el('p', { id: 'shown-copy-note', class: 'hint' });
  const run = el('button', { type: 'button', id: 'run-job', text: 'Restore at full resolution' });
  const cost = costLine('job-cost', run);
  // a restore that would change nothing (0 %, or Auto where the preview's engine chose 0 % for every face) still runs and
  // costs: the first click says so, and only a second, "Restore anyway", runs it
  const noChange = el('p', { id: 'no-change', class: 'cost refused', 'aria-live': 'polite', hidden: true });
  let lastPreview = null; // the latest preview shown: its intensity and the level each face got
  const unchanging = () => {
    const value = intensity.value();
    if (value === 0) return 'Nothing would change at 0 %';
    const levels = lastPreview && lastPreview.intensity === 'auto' && value === 'auto' ? lastPreview.levels : [];
    return levels.length > 0 && levels.every((face) => face.intensity === 0)
      ? 'Nothing would change at 0 % (the preview\u2019s Auto chose 0 % for every face)' : null;
  };
  const askAgainFirst = () => {
    noChange.hidden = true;
    run.textContent = 'Restore at full resolution';
  };
  const keepChoices = () => session.rememberChoices(remember,
    { level: intensity.level(), auto: intensity.value() === 'auto', profileId: reference.profileId(), lossless: lossless.checked });
  const reference = textureReference(() => {
    cost.update(restoreRequest());
    keepChoices();
  }, kept.profileId);
  // a JPEG result is quantised with the photo's own tables, which keep less of the added texture the lower its
  // quality; PNG keeps all of it (docs/texture-engine.md, "What a JPEG keeps of the texture")
  const jpeg = image.contentType === 'image/jpeg';
  const lossless = el('input', { type: 'checkbox', checked: jpeg && kept.lossless === true, onchange: () => keepChoices() });
  const losslessField = jpeg
    ? labelled('lossless-png', 'Lossless PNG result (keeps all the texture; several times the JPEG\'s size)', lossless) : '';
  const restoreRequest = () => {
    const request = { type: 'texture-restore', imageId: image.id, intensity: intensity.value() };
    if (lossless.checked) request.outputFormat = 'png';
    const profileId = reference.profileId();
    return profileId ? { ...request, profileId } : request;
  };
  intensity.onChange(keepChoices);
  intensity.onChange(askAgainFirst);
  const result = el('section', { id: 'result', 'aria-label': 'Result' });
  const stage = el('div', { class: 'face-stage' }, previewImg);
  const figure = el('figure', { class: 'preview' }, stage, el('figcaption', {}, copyNote, previewScores, previewLevels));
  work.append(faceFinder(image, stage), intensity.node, figure, previewProblem, reference.node, losslessField, cost.node, noChange, run,
    result);
  cost.update(restoreRequest()); // the level does not change the price

  // Wired before the small copy is awaited: the button is on screen from here, and a click while the browser is still
  // scaling a large photo down must run the job, not fall on a button with no listener yet.
  let job = null;
  cleanups.push(() => job && job.close());
  const showResult = (done, afterUrl, afterShown) => result.replaceChildren(...resultView(done, originalUrl, afterUrl, file.name,
    (done.request || {}).intensity === 'auto', { before: originalShown, after: afterShown }));
  run.addEventListener('click', () => {
    const nothing = unchanging();
    if (nothing && noChange.hidden) {
      const price = cost.node.textContent;
      noChange.textContent = `${nothing}: it still ${price.startsWith('Costs') ? price.replace(/^Costs/, 'costs') : 'runs and is billed'}. `
        + 'Choose a level, or press \u201cRestore anyway\u201d.';
      noChange.hidden = false;
      run.textContent = 'Restore anyway';
      return;
    }
    askAgainFirst();
    if (job) job.close(); // the new run's result replaces the last one's
    job = runJob(restoreRequest(), showResult, run, remember);
    showStarted(result, job);
  });
  job = resumeJob(remember, showResult, run);
  if (job) result.replaceChildren(job.node);

  const shown = await shownPicture(file, image.id);
  if (!current) return;
  if (!shown) {
    previewProblem.replaceChildren(problemBox({ title: 'This browser cannot show this image',
      detail: 'No live preview; the restore at full resolution still runs and its result downloads.' }));
    return;
  }
  if (shown.copy) {
    originalShown = shownOriginal.set(URL.createObjectURL(shown.blob));
    if (!originalShown) return; // the image or the screen went meanwhile
    previewImg.src = originalShown;
    copyNote.textContent = `This browser cannot show ${image.contentType} images: the preview and before/after use the server's ${COPY_WIDTH} px copy; the restore and its download are at full resolution.`;
  }
  const copy = await smallCopy(shown.blob);
  if (!current) return;
  const preview = previewer(copy, (p) => {
    if (!shownPreview.set(p.url)) return; // answered after the image or the screen went
    previewProblem.replaceChildren();
    previewImg.src = p.url;
    previewImg.dataset.intensity = String(p.intensity);
    lastPreview = p;
    previewScores.textContent = p.faces === 0 ? 'No face found: the preview shows the image unchanged where no skin was measured.'
      // the preview scores a small JPEG copy, so its numbers differ from the full-resolution job's (and the face outline's)
      : `Preview at ${p.intensity === 'auto' ? 'Auto' : `${p.intensity} %`}: plastic score about ${score(p.before)} → ${score(p.after)} `
        + `on a copy at most ${PREVIEW_EDGE} px across (${p.faces} face${p.faces === 1 ? '' : 's'}); the full-resolution result reports its own`;
    previewLevels.replaceChildren(faceLevels(p.levels, p.intensity === 'auto', 'preview-levels') || '');
  }, (error) => previewProblem.replaceChildren(problemBox(error)));
  cleanups.push(preview.stop);
  intensity.onChange((level) => preview.request(level));
  preview.request(intensity.value());
}

/**
 * A finished job: the texture profile it restored toward (if any), its scores, the level each face got (auto: the
 * engine's choice), before/after (from `shown`'s pictures, the server's copies of a TIFF), the downloads, the
 * locality receipt.
 */
export function resultView(job, beforeUrl, afterUrl, name, auto = false, shown = { before: beforeUrl, after: afterUrl }) {
  const r = job.result || {};
  const profileId = job.request && job.request.profileId;
  const nodes = [el('p', {}, el('a', { href: `#/jobs/${job.id}`, text: `job ${job.id}` }),
    profileId ? ` · toward texture profile ${profileId}` : ''), el('p', { id: 'job-scores', class: 'scores',
    text: `Plastic score before ${score(r.plasticScoreBefore)}, after ${score(r.plasticScoreAfter)} (0 = photographic, 1 = waxy)` }),
  faceLevels(r.faceRestores, auto, 'job-levels')];
  if (afterUrl) {
    const extension = fileExtension(r.contentType);
    nodes.push(shown.after ? compareView(shown.before, shown.after) : '',
      el('p', {}, el('a', { id: 'download', class: 'button', href: afterUrl, download: `realskin-${name.replace(/\.[^.]+$/, '')}-restored.${extension}`, text: 'Download the result' }),
        ' ', el('a', { href: beforeUrl, download: name, text: 'Download the original' })));
  }
  nodes.push(localityReceipt(r.locality));
  return nodes.filter(Boolean);
}
