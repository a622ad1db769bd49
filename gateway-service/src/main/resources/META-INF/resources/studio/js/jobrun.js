import { imageUrl, postJson } from './api.js';
import { followJob } from './sse.js';
import { el, problemBox } from './ui.js';

/**
 * Submits a job and follows it over SSE: a progress bar with the stage, then onDone(job, resultUrl) when it completed
 * (resultUrl an object URL of the result image), or the job's error. Returns {node, close}.
 */
export function runJob(request, onDone) {
  const bar = el('progress', { max: 100, value: 0, id: 'job-progress', 'aria-label': 'Job progress' });
  const stage = el('span', { class: 'stage', text: 'submitting…' });
  const node = el('div', { class: 'job-run' }, bar, stage);
  let stream = null;
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
        onDone(data, data.result && data.result.imageId ? await imageUrl(data.result.imageId) : null);
      } else if (event === 'failed' || event === 'canceled') {
        node.append(problemBox({ title: `The job ${event}`, detail: data.error ? `${data.error.code}: ${data.error.message}` : '' }));
      }
    });
  })();
  return { node, close: () => stream && stream.close() };
}
