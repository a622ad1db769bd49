import { imageUrl, postJson } from './api.js';
import { followJob } from './sse.js';
import { el, problemBox } from './ui.js';
import { ownedUrl } from './urls.js';

/**
 * Submits a job and follows it over SSE: a progress bar with the stage, then onDone(job, resultUrl) when it completed
 * (resultUrl an object URL of the result image), or the job's error. Returns {node, close}; close() also revokes the
 * result's object URL, so a caller closes the job whose result it replaces or leaves.
 */
export function runJob(request, onDone) {
  const bar = el('progress', { max: 100, value: 0, id: 'job-progress', 'aria-label': 'Job progress' });
  const stage = el('span', { class: 'stage', text: 'submitting…' });
  const node = el('div', { class: 'job-run' }, bar, stage);
  let stream = null;
  const resultUrl = ownedUrl();
  (async () => {
    let job;
    try {
      job = await postJson('/v1/jobs', request);
    } catch (error) {
      node.replaceChildren(problemBox(error));
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
    });
  })();
  return {
    node,
    close: () => {
      if (stream) stream.close();
      resultUrl.revoke();
    },
  };
}
