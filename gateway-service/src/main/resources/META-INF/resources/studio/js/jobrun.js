import { afterRetryAfter, deleteObject, IDEMPOTENCY_TTL_MS, idempotencyKey, json, postJson, Problem, session } from './api.js';
import { JOB_ENDED } from './cost.js';
import { storedPicture } from './shown.js';
import { followJob, LOST } from './sse.js';
import { el, holdButton, jobEnded, problemBox, status } from './ui.js';
import { ownedUrl } from './urls.js';

/**
 * Submits a job (with an Idempotency-Key of its own) and follows it over SSE: a progress bar with the stage, then
 * onDone(job, resultUrl, shownUrl) when it completed (resultUrl an object URL of the result image, shownUrl one of a
 * picture of it the browser can show: the result itself, or the server's 640 px copy of a TIFF), or the job's error. Returns
 * {node, close}; close() also revokes the result's object URL, so a caller closes the job whose result it replaces or
 * leaves. `button`, the one that started it, stays disabled until the job has ended (or its submit was refused, or it
 * is closed): a double click, or a second click while it runs, submits and bills no second job. With `remember` (a
 * name for the screen and its image, see resumeJob) the tab remembers the job under it. onRefused(problem, request)
 * is told when the submit was refused (any answer but a job, or none), e.g. to delete what was uploaded for it alone
 * (dropUploads).
 */
export function runJob(request, onDone, button = null, remember = null, onRefused = () => {}) {
  const run = jobView(onDone, button, 'submitting…');
  submit(run, request, idempotencyKey(), remember, onRefused);
  return run.handle;
}

/**
 * A job just started by a click (runJob's handle) shown in `result`, scrolled into the window: the button is often at
 * the window's foot, and its progress below it was off screen, so the click seemed to do nothing.
 */
export function showStarted(result, job) {
  result.replaceChildren(job.node);
  job.node.scrollIntoView({ block: 'nearest' });
}

/**
 * Sends a job, remembered under `remember` until its answer comes: a reload while it is on its way (the job made at the
 * gateway, its id not yet known here) sends it again with the same Idempotency-Key (resumeJob), which the gateway
 * answers with the job the first send made, or, if that send never reached it, makes the job then: one job either way.
 * A send the gateway is still working on (409 idempotency-in-progress) is asked again after its Retry-After.
 */
async function submit(run, request, key, remember, onRefused) {
  if (remember) session.rememberSubmit(remember, { request, idempotencyKey: key, at: Date.now() });
  let job;
  try {
    for (;;) {
      try {
        job = await postJson('/v1/jobs', request, { 'Idempotency-Key': key });
        break;
      } catch (error) {
        if (!(error instanceof Problem && error.is('idempotency-in-progress')) || run.closed()) throw error;
        await afterRetryAfter(error.retryAfter);
      }
    }
  } catch (error) {
    if (remember) session.forgetSubmit(remember);
    run.refused(error);
    // every refusal, a 5xx or no answer too (the gateway full or down): dropUploads deletes nothing a job was made with
    onRefused(error, request);
    return;
  }
  if (remember) {
    session.rememberJob(remember, job.id);
    session.forgetSubmit(remember);
  }
  run.follow(job.id);
}

/**
 * The job this tab last started under `remember` (a reload, or the screen opened again), shown as runJob shows it:
 * its progress while it runs (its events replayed from the start, then followed), then its result or its error; null
 * when there is none. One the key cannot see (signed in since with another tenant's key: 404) is forgotten, silently.
 * A submit whose answer the page left before (a reload right after the click) is sent again as submit() says, and
 * onRefused as runJob's.
 */
export function resumeJob(remember, onDone, button = null, onRefused = () => {}) {
  const sent = session.rememberedSubmit(remember);
  if (sent && Date.now() - sent.at < IDEMPOTENCY_TTL_MS) {
    const run = jobView(onDone, button, 'submitting…');
    submit(run, sent.request, sent.idempotencyKey, remember, onRefused);
    return run.handle;
  }
  session.forgetSubmit(remember);
  const id = session.rememberedJob(remember);
  if (!id) return null;
  const run = jobView(onDone, button, 'resuming…', (problem) => {
    if (problem.status !== 404) return false;
    session.forgetJob(remember);
    run.handle.node.replaceChildren();
    return true;
  });
  // an ending that happened before this page was opened is shown, not said again in the status line (which would also
  // cover the page's last control at the window's foot)
  json(`/v1/jobs/${encodeURIComponent(id)}`)
    .then((job) => run.follow(id, !ENDED.has(job.status)), () => run.follow(id, true));
  return run.handle;
}

const ENDED = new Set(['completed', 'failed', 'canceled']);

/**
 * Deletes the images uploaded for one job alone (the Editor's mask, Generate's reference) when its submit was refused,
 * so that none stays stored, and counted against the storage quota, without its job. Any refusal: a 5xx or no answer
 * may have made the job after all (written before the gateway failed, or its answer lost), and then the gateway refuses
 * the deletion (409 image-in-use while the job is queued or running), so the job keeps what it needs. One that cannot
 * be deleted otherwise is said in the status line, with where to delete it. `what` names them: "mask".
 */
export function dropUploads(imageIds, what) {
  for (const id of imageIds.filter(Boolean)) {
    deleteObject(`/v1/images/${encodeURIComponent(id)}`).catch((error) => {
      if (error instanceof Problem && error.is('image-in-use')) return;
      status(`The ${what} uploaded for the refused job (image ${id}) could not be deleted: ${error.title || error.message}. `
        + 'Delete it on the Images screen.');
    });
  }
}

// The progress bar and stage of one job, and its following: {handle: {node, close}, refused(error), follow(jobId)}.
// `quiet(problem)` may take a following's refusal on itself (true) instead of it being shown.
function jobView(onDone, button, first, quiet = () => false) {
  const bar = el('progress', { max: 100, value: 0, id: 'job-progress', 'aria-label': 'Job progress' });
  const stage = el('span', { class: 'stage', text: first });
  const node = el('div', { class: 'job-run' }, bar, stage);
  let stream = null;
  const resultUrl = ownedUrl();
  const shownUrl = ownedUrl();
  const release = holdButton(button);
  let closed = false;
  const follow = (jobId, announce = true) => {
    if (closed) return; // the screen went while the job was being submitted or looked up
    node.append(' ', el('a', { href: `#/jobs/${jobId}`, text: `job ${jobId}` }));
    stream = followJob(jobId, async (event, data) => {
      bar.value = data.progress || 0;
      stage.textContent = `${data.status}${data.stage ? ` · ${data.stage}` : ''}`;
      // said in the status line (a live region) too: the result replaces the progress, and may be off screen
      if (announce && ENDED.has(event)) status(`Job ${jobId} ${event}.`);
      // its credits are spent or given back: a price line on the page asks for the balance again (cost.js)
      if (ENDED.has(event)) document.dispatchEvent(new Event(JOB_ENDED));
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
    }, (problem) => quiet(problem) || node.append(problemBox(problem)), () => node.append(problemBox(LOST)));
    stream.done.finally(release);
  };
  const refused = (error) => {
    node.replaceChildren(problemBox(error));
    release();
  };
  const handle = {
    node,
    close: () => {
      closed = true;
      if (stream) stream.close();
      resultUrl.revoke();
      shownUrl.revoke();
      release();
    },
  };
  return { handle, refused, follow, closed: () => closed };
}
