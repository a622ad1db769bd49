import { imageScreen } from './upload.js';
import { previewer, smallCopy } from './preview.js';
import { runJob } from './jobrun.js';
import { compareView } from './compare.js';
import { faceFinder } from './faces.js';
import { el, labelled, problemBox, score } from './ui.js';

// Texture restore: upload, a live preview while the slider moves, then the full-resolution job and before/after.
export function studio(main) {
  return imageScreen(main, 'Studio', null, 'Choose a portrait', show);
}

async function show(work, file, image, cleanups) {
  const originalUrl = URL.createObjectURL(file);
  const slider = el('input', { type: 'range', min: 0, max: 100, step: 1, value: 40, 'aria-describedby': 'intensity-hint' });
  const value = el('output', { for: 'intensity', id: 'intensity-value', text: '40' });
  const previewImg = el('img', { id: 'preview-image', alt: 'Preview of the restore at the chosen intensity', src: originalUrl });
  const previewScores = el('p', { id: 'preview-scores', class: 'scores' });
  const previewProblem = el('div');
  const run = el('button', { type: 'button', id: 'run-job', text: 'Restore at full resolution' });
  const result = el('section', { id: 'result', 'aria-label': 'Result' });
  const stage = el('div', { class: 'face-stage' }, previewImg);
  const figure = el('figure', { class: 'preview' }, stage, el('figcaption', {}, previewScores));
  work.append(
    faceFinder(image, stage),
    el('div', { class: 'row' },
      labelled('intensity', 'Intensity', slider), value,
      el('span', { id: 'intensity-hint', class: 'hint', text: 'most portraits land at 35–60' })),
    figure,
    previewProblem, run, result);

  const preview = previewer(await smallCopy(file), (p) => {
    previewProblem.replaceChildren();
    previewImg.src = p.url;
    previewImg.dataset.intensity = String(p.intensity);
    previewScores.textContent = p.faces === 0 ? 'No face found: the preview shows the image unchanged where no skin was measured.'
      : `Preview at ${p.intensity} %: plastic score ${score(p.before)} → ${score(p.after)} (${p.faces} face${p.faces === 1 ? '' : 's'})`;
  }, (error) => previewProblem.replaceChildren(problemBox(error)));
  cleanups.push(preview.stop);
  slider.addEventListener('input', () => {
    value.textContent = slider.value;
    preview.request(Number(slider.value));
  });
  preview.request(40);

  run.addEventListener('click', () => {
    const job = runJob({ type: 'texture-restore', imageId: image.id, intensity: Number(slider.value) }, (done, afterUrl) => {
      result.replaceChildren(...resultView(done, originalUrl, afterUrl, file.name));
    });
    cleanups.push(job.close);
    result.replaceChildren(job.node);
  });
}

export function resultView(job, beforeUrl, afterUrl, name) {
  const r = job.result || {};
  const nodes = [el('p', {}, el('a', { href: `#/jobs/${job.id}`, text: `job ${job.id}` })), el('p', { id: 'job-scores', class: 'scores',
    text: `Plastic score before ${score(r.plasticScoreBefore)}, after ${score(r.plasticScoreAfter)} (0 = photographic, 1 = waxy)` })];
  if (afterUrl) {
    const extension = (r.contentType || 'image/jpeg').split('/')[1].replace('jpeg', 'jpg');
    nodes.push(compareView(beforeUrl, afterUrl),
      el('p', {}, el('a', { id: 'download', class: 'button', href: afterUrl, download: `realskin-${name.replace(/\.[^.]+$/, '')}-restored.${extension}`, text: 'Download the result' }),
        ' ', el('a', { href: beforeUrl, download: name, text: 'Download the original' })));
  }
  return nodes;
}
