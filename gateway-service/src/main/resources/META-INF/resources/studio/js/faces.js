import { idempotencyKey, json, postJson } from './api.js';
import { el, holdButton, jobEnded, problemBox, score, unscoredReasons } from './ui.js';

/**
 * The detected faces outlined over an image with their plastic score: GET /v1/images/{id}/analysis, which starts an
 * analyze job (billed as one) when the image has none, so it runs only when asked. A failed or canceled analysis is
 * answered as it is (the GET starts no other); "Analyse again" starts a new one with POST /v1/jobs.
 */
export function faceFinder(image, figure) {
  const button = el('button', { type: 'button', id: 'find-faces', text: 'Outline the faces (an analyze job)' });
  // a status region: a screen reader says what the outline found, or why it found nothing, when it arrives
  const message = el('span', { class: 'hint', role: 'status' });
  button.addEventListener('click', async () => {
    const release = holdButton(button);
    message.textContent = 'analysing…';
    try {
      let answer = await json(`/v1/images/${encodeURIComponent(image.id)}/analysis`, { headers: { Prefer: 'wait=30' } });
      for (let i = 0; i < 10 && !['completed', 'failed', 'canceled'].includes(answer.status); i++) {
        answer = await json(`/v1/images/${encodeURIComponent(image.id)}/analysis`, { headers: { Prefer: 'wait=30' } });
      }
      figure.querySelectorAll('.face-box').forEach((box) => box.remove());
      // an analysis that failed, was canceled or is still running has no faces to show: it is not "no face found"
      if (answer.status === 'failed' || answer.status === 'canceled') {
        message.replaceChildren(jobEnded(answer.status, answer.error), analyseAgain(image, button, message));
        return;
      }
      if (answer.status !== 'completed') {
        message.replaceChildren('still analysing: ', el('a', { href: `#/jobs/${answer.jobId}`, text: `job ${answer.jobId}` }));
        return;
      }
      const faces = (answer.analysis && answer.analysis.faces) || [];
      for (const face of faces) {
        const [x, y, w, h] = face.box;
        const box = el('div', { class: 'face-box' }, el('span', { text: face.unscored ? 'no score' : score(face.score) }));
        // CSSOM, not a style attribute: the CSP allows no inline styles
        Object.assign(box.style, { left: `${(100 * x) / image.width}%`, top: `${(100 * y) / image.height}%`,
          width: `${(100 * w) / image.width}%`, height: `${(100 * h) / image.height}%` });
        figure.append(box);
      }
      const why = unscoredReasons(faces);
      message.textContent = faces.length === 0 ? 'no face found'
        : `${faces.length} face${faces.length === 1 ? '' : 's'}, plastic score ${score(answer.plasticScore)}${why ? `. ${why}` : ''}`;
    } catch (error) {
      message.replaceChildren(problemBox(error));
    } finally {
      release();
    }
  });
  return el('div', { class: 'row' }, button, message);
}

/** A button that starts a new analyze job of the image, then outlines again (which follows that job). */
function analyseAgain(image, outline, message) {
  const again = el('button', { type: 'button', id: 'analyse-again', text: 'Analyse again (a new analyze job)' });
  again.addEventListener('click', async () => {
    const release = holdButton(again);
    try {
      await postJson('/v1/jobs', { type: 'analyze', imageId: image.id }, { 'Idempotency-Key': idempotencyKey() });
      release();
      outline.click();
    } catch (error) {
      release();
      message.replaceChildren(problemBox(error));
    }
  });
  return again;
}
