import { idempotencyKey, imageUrl, postJson } from './api.js';
import { followJob } from './sse.js';
import { el, problemBox } from './ui.js';
import { ownedUrl } from './urls.js';

/**
 * Submits a job (with an Idempotency-Key of its own) and follows it over SSE: a progress bar with the stage, then
 * onDone(job, resultUrl) when it completed (resultUrl an object URL of the result image), or the job's error. Returns
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
      if (event === 'completed') {
        const url = data.result && data.result.imageId ? resultUrl.set(await imageUrl(data.result.imageId)) : null;
        if (url || !(data.result && data.result.imageId)) onDone(data, url);
      } else if (event === 'failed' || event === 'canceled') {
        node.append(problemBox({ title: `The job ${event}`, detail: data.error ? `${data.error.code}: ${data.error.message}` : '' }));
      }
    }, (problem) => node.append(problemBox(problem)));
    stream.done.finally(release);
  })();
  return {
    node,
    close: () => {
      if (stream) stream.close();
      resultUrl.revoke();
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
