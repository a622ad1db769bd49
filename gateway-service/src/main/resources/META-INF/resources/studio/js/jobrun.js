import { idempotencyKey, postJson } from './api.js';
import { storedPicture } from './shown.js';
import { followJob } from './sse.js';
import { el, jobEnded, problemBox, status } from './ui.js';
import { ownedUrl } from './urls.js';

/**
 * Submits a job (with an Idempotency-Key of its own) and follows it over SSE: a progress bar with the stage, then
 * onDone(job, resultUrl, shownUrl) when it completed (resultUrl an object URL of the result image, shownUrl one of a
 * picture of it the browser can show: the result itself, or the server's 640 px copy of a TIFF), or the job's error. Returns
 * {node, close}; close() also revokes the result's object URL, so a caller closes the job whose result it replaces or
 * leaves. `button`, the one that started it, stays disabled until the job has ended (or its submit was refused, or it
 * is closed): a double click, or a second click while it runs, submits and bills no second job.
 */
export function runJob(request, onDone, button = null) {
  const bar = el('progress', { max: 100, value: 0, id: 'job-progress', 'aria-label': 'Job progress' });
  const stage = el('span', { class: 'stage', text: 'submitting…' });
  const node = el('div', { class: 'job-run' }, bar, stage);
  let stream = null;
  const resultUrl = ownedUrl();
  const shownUrl = ownedUrl();
  const release = holdButton(button);
  (async () => {
    let job;
    try {
      job = await postJson('/v1/jobs', request, { 'Idempotency-Key': idempotencyKey() });
    } catch (error) {
      node.replaceChildren(problemBox(error));
      release();
      return;
    }
    node.append(' ', el('a', { href: `#/jobs/${job.id}`, text: `job ${job.id}` }));
    stream = followJob(job.id, async (event, data) => {
      bar.value = data.progress || 0;
      stage.textContent = `${data.status}${data.stage ? ` · ${data.stage}` : ''}`;
      // said in the status line (a live region) too: the result replaces the progress, and may be off screen
      if (event === 'completed' || event === 'failed' || event === 'canceled') status(`Job ${job.id} ${event}.`);
      if (event === 'completed') {
        const imageId = data.result && data.result.imageId;
        if (!imageId) {
          onDone(data, null, null);
          return;
        }
        try {
          const { blob, shown } = await storedPicture(imageId);
          const url = resultUrl.set(URL.createObjectURL(blob));
          const picture = shown && (shown.copy ? shownUrl.set(URL.createObjectURL(shown.blob)) : url);
          if (url) onDone(data, url, picture);
        } catch (error) {
          node.append(problemBox(error)); // the job completed; its result could not be fetched
        }
      } else if (event === 'failed' || event === 'canceled') {
        node.append(jobEnded(data.status, data.error));
      }
    }, (problem) => node.append(problemBox(problem)));
    stream.done.finally(release);
  })();
  return {
    node,
    close: () => {
      if (stream) stream.close();
      resultUrl.revoke();
      shownUrl.revoke();
      release();
    },
  };
}

/** Disables the button (if any) with aria-busy; the function returned gives it back, once. */
export function holdButton(button) {
  if (!button) return () => {};
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    button.disabled = false;
    button.removeAttribute('aria-busy');
  };
}
