import { call, json, listPage, Problem, retryAfterSeconds } from './api.js';
import { storedPicture } from './shown.js';
import { ownedUrl } from './urls.js';
import { followJob, LOST } from './sse.js';
import { faceLevels } from './levels.js';
import { passReport } from './generate.js';
import { localityReceipt } from './receipt.js';
import { el, FINAL_REFUSALS, fileExtension, holdButton, jobEnded, labelled, problemBox, problemWithRetry, score, scrollingTable, status,
  unscoredReasons } from './ui.js';

// Jobs newest first, and one job's page: its events as they happen, its result (a restore's levels and locality receipt),
// its webhook deliveries, cancel.
export function jobs(main) {
  const list = el('section', { 'aria-label': 'Jobs' }, el('p', { text: 'Loading…' }));
  // the API's own filters (GET /v1/jobs?status=&type=); a change starts the list again
  const statusFilter = filter('jobs-status', 'Status', ['queued', 'running', 'completed', 'failed', 'canceled']);
  const typeFilter = filter('jobs-type', 'Type', ['texture-restore', 'skin-inpaint', 'generate', 'analyze', 'source-restore']);
  const refused = el('div', { id: 'jobs-refused' });
  // which listed jobs a refresh dropped because their status left the filter's (a status region: said, not shouted)
  const note = el('p', { id: 'jobs-note', class: 'hint', role: 'status' });
  // an empty list says so (a new tenant saw the table's headings alone), kept true as jobs come and leave
  const empty = el('p', { id: 'jobs-empty', hidden: true });
  const sayIfEmpty = () => {
    empty.hidden = rows.size > 0;
    const type = typeFilter.value();
    const wanted = statusFilter.value();
    empty.textContent = !type && !wanted ? 'No jobs yet: restore a portrait on the Studio screen or in the Editor, or generate one, and it is listed here.'
      : `No ${type ? `${type} ` : ''}jobs${wanted ? ` with status ${wanted}` : ''}.`;
  };
  main.append(el('h1', { text: 'Jobs' }), el('div', { class: 'row' }, statusFilter.node, typeFilter.node), refused, note, list);
  const rows = new Map(); // job id -> its row, kept up to date while the list is shown
  const belowAsked = new Map(); // job id below the newest page -> the refresh round it was last asked about in
  let round = 0;
  let cursor = null;
  let timer = null;
  let closed = false;
  let shown = 0; // which filtering the list shows: an answer for an earlier one is dropped
  const path = () => `/v1/jobs${query({ status: statusFilter.value(), type: typeFilter.value() })}`;
  for (const f of [statusFilter, typeFilter]) {
    f.onChange(() => {
      shown += 1;
      cursor = null;
      rows.clear();
      belowAsked.clear();
      note.textContent = '';
      list.replaceChildren(el('p', { text: 'Loading…' }));
      page();
    });
  }
  async function page() {
    const mine = shown;
    try {
      const answer = await listPage(path(), PAGE, cursor);
      if (mine !== shown) return;
      if (!cursor) list.replaceChildren(scrollingTable('Jobs, newest first', table()), empty);
      const added = answer.items.filter((job) => !rows.has(job.id)).map(row);
      list.querySelector('tbody').append(...added);
      sayIfEmpty();
      cursor = answer.nextCursor;
      // "Older jobs" pressed (a keyboard's Enter): the focus stays on the button, or, on the last page, moves to the
      // first job it brought; it is not lost with the button replaced
      const pressed = list.querySelector('.more');
      const wasPressed = pressed !== null && document.activeElement === pressed;
      pressed?.remove();
      list.querySelector('.more-problem')?.remove();
      const more = cursor ? el('button', { type: 'button', class: 'more', text: 'Older jobs', onclick: page }) : null;
      if (more) list.append(more);
      if (wasPressed) (more || (added[0] && added[0].querySelector('a')) || document.getElementById('jobs-status')).focus();
    } catch (error) {
      if (mine !== shown) return;
      const more = list.querySelector('.more');
      if (!more) {
        // the first page: no list to keep; a refusal asking again can change (not a key revoked or a scope taken away)
        // comes with a button that asks again (until 2026-12-07 the problem stayed until the screen was left)
        problemWithRetry(list, error, 'Load the jobs again', 'jobs-again', page,
          () => list.querySelector('tbody a') || document.getElementById('jobs-status'));
        rows.clear();
        return;
      }
      // an older page refused: the list and its updates stay, the problem beside the button, which asks again
      list.querySelector('.more-problem')?.remove();
      more.after(el('div', { class: 'more-problem' }, problemBox(error)));
    }
  }
  // A listed job's status now: shown in its row; under a status filter it no longer matches, the row goes (the list
  // is the filter's answer) and `left` gets a sentence saying so.
  function moved(id, status, left) {
    const tr = rows.get(id);
    const wanted = statusFilter.value();
    if (wanted && status !== wanted) {
      // the focus on its link moves to the next row's (or the one before, or the filter), never lost with the row
      if (tr.contains(document.activeElement)) {
        const neighbour = tr.nextElementSibling || tr.previousElementSibling;
        (neighbour ? neighbour.querySelector('a') : document.getElementById('jobs-status')).focus();
      }
      tr.remove();
      rows.delete(id);
      left.push(`Job ${id} is now ${status}, so it left this list (status ${wanted}).`);
      return;
    }
    tr.querySelector('.job-status').textContent = status;
  }
  function row(job) {
    // each cell names its column (data-label): on a phone a row is a card of labelled lines (studio.css); the roles keep
    // it a table for screen readers, which drop a table's semantics when CSS displays it otherwise
    const tr = el('tr', { 'data-job': job.id, role: 'row' }, el('td', { role: 'cell' }, el('a', { href: `#/jobs/${job.id}`, text: job.id })),
      el('td', { role: 'cell', 'data-label': 'Type', text: job.type }),
      el('td', { role: 'cell', class: 'job-status', 'data-label': 'Status', text: job.status }),
      el('td', { role: 'cell', 'data-label': 'Created', text: new Date(job.createdAt).toLocaleString() }));
    rows.set(job.id, tr);
    return tr;
  }
  // Jobs submitted since (from this tab, another or the API) come in on top and statuses move on: the newest page again
  // every BUSY_REFRESH_MS while a listed job is unfinished, else every IDLE_REFRESH_MS, and every BELOW_EVERY rounds
  // (each round when the page is the whole list) the BELOW_AT_ONCE unfinished jobs below it asked about longest ago, one
  // by one; nothing while the tab is hidden. The requests come out of the tenant's per-minute bucket, which its
  // production keys share (free plan: 60): at most 6 + 6 a minute, more only the round after jobs left a filtered list.
  // A 429 or 503 puts the next round off until its Retry-After.
  async function refresh() {
    const body = list.querySelector('tbody'); // none while the first page loads or after a refusal
    let putOff = 0;
    if (!document.hidden && body) {
      const mine = shown;
      round += 1;
      try {
        const newest = await listPage(path(), PAGE);
        if (mine !== shown) throw new Error('the filters changed meanwhile');
        const left = [];
        for (const job of [...newest.items].reverse()) {
          if (rows.has(job.id)) moved(job.id, job.status, left);
          else body.prepend(row(job));
        }
        const seen = new Set(newest.items.map((job) => job.id));
        // a newest page with no page after it is the whole list: an unfinished job not on it has left it (its status moved
        // out of the filter's), and is asked about at once
        const whole = !newest.nextCursor;
        const below = whole || round % BELOW_EVERY === 0 ? [...rows.keys()].filter((id) => !seen.has(id) && unfinished(rows.get(id)))
          .sort((a, b) => (belowAsked.get(a) || 0) - (belowAsked.get(b) || 0)).slice(0, BELOW_AT_ONCE) : [];
        for (const id of below) {
          belowAsked.set(id, round);
          const status = (await json(`/v1/jobs/${encodeURIComponent(id)}`)).status;
          if (mine !== shown) throw new Error('the filters changed meanwhile');
          moved(id, status, left);
        }
        if (left.length > 0) note.textContent = left.join(' ');
        sayIfEmpty();
      } catch (error) {
        // a refusal that asking again cannot change (a key revoked or expired meanwhile, a scope taken away) is shown
        // above the list, which is no longer current, and ends the refreshing; anything else, the next round tries again
        if (error instanceof Problem && FINAL_REFUSALS.has(error.status) && mine === shown) {
          refused.replaceChildren(problemBox(error));
          return;
        }
        if (error instanceof Problem && (error.status === 429 || error.status === 503)) putOff = (retryAfterSeconds(error.retryAfter) || 0) * 1000;
      }
    }
    if (!closed) timer = setTimeout(refresh, Math.max(putOff, [...rows.values()].some(unfinished) ? BUSY_REFRESH_MS : IDLE_REFRESH_MS));
  }
  page().then(() => { if (!closed) timer = setTimeout(refresh, BUSY_REFRESH_MS); });
  return () => {
    closed = true;
    clearTimeout(timer);
  };
}

/** A select of the values a list filter takes, "all" first: {node, value(), onChange(listener)}. */
function filter(id, label, values) {
  const select = el('select', {}, el('option', { value: '', text: 'all' }), values.map((v) => el('option', { value: v, text: v })));
  return { node: labelled(id, label, select), value: () => select.value, onChange: (listener) => select.addEventListener('change', listener) };
}

/** "?name=value&…" of the parameters that have a value, or "". */
function query(parameters) {
  const set = Object.entries(parameters).filter(([, value]) => value);
  return set.length === 0 ? '' : `?${set.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}`;
}

const PAGE = 20;
const BUSY_REFRESH_MS = 10000;
const IDLE_REFRESH_MS = 30000;
const BELOW_EVERY = 3;
const BELOW_AT_ONCE = 3;
const unfinished = (tr) => ['queued', 'running'].includes(tr.querySelector('.job-status').textContent);

function table() {
  return el('table', { id: 'jobs-table', role: 'table' }, el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' },
    ['Job', 'Type', 'Status', 'Created'].map((h) => el('th', { scope: 'col', role: 'columnheader', text: h })))), el('tbody', { role: 'rowgroup' }));
}

export function jobPage(main, id) {
  // its rows are there from the start, so that the first event fills them without moving Cancel under the pointer
  const summary = el('dl', { id: 'job-summary' }, ['Type', 'Status', 'Progress'].flatMap((k) => [el('dt', { text: k }), el('dd', { text: '…' })]));
  const timeline = el('ol', { id: 'job-events', 'aria-label': 'Events' });
  const result = el('div');
  const deliveries = el('section', { 'aria-label': 'Webhook deliveries' });
  const message = el('div');
  const cancel = el('button', { type: 'button', id: 'cancel-job', text: 'Cancel the job' });
  const heading = el('h1', { text: `Job ${id}`, tabindex: '-1' });
  // what a job has: hidden when there is no such job (404), which left the page's empty frame under the problem
  const skeleton = [summary, el('h2', { text: 'Events' }), timeline, el('h2', { text: 'Result' }), result,
    el('h2', { text: 'Webhook deliveries' }), deliveries];
  main.append(heading, skeleton[0], cancel, message, ...skeleton.slice(1));
  // Cancel goes once the job has ended; the focus on it (a keyboard's Enter) goes to the heading, not lost to the page
  // the button goes once the job has ended: the focus on it goes to the job's heading, not to the page
  const hideCancel = () => {
    if (cancel.hidden) return;
    const had = document.activeElement === cancel;
    cancel.hidden = true;
    if (had) heading.focus();
  };
  // held while the cancel is on its way: a double click sends one (a second would be refused, the job having ended)
  cancel.addEventListener('click', async () => {
    const release = holdButton(cancel);
    message.replaceChildren();
    try {
      await call(`/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
      hideCancel();
      status(`Job ${id} canceled.`);
    } catch (error) {
      message.replaceChildren(problemBox(error));
    } finally {
      release();
    }
  });
  const resultUrl = ownedUrl();
  const downloadUrl = ownedUrl();
  const stream = followJob(id, async (event, job) => {
    // the stage where it says more than the event's name, the share done on a progress event ("started started 0%")
    const stage = job.stage && job.stage !== event ? ` ${job.stage}` : '';
    const progress = event === 'progress' ? ` ${job.progress ?? 0}%` : '';
    timeline.append(el('li', {}, el('strong', { text: event }), `${stage}${progress} · ${new Date(job.updatedAt).toLocaleTimeString()}`));
    summary.replaceChildren(...[['Type', job.type], ['Status', job.status], ['Progress', `${job.progress} %`]]
      .flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    if (['completed', 'failed', 'canceled'].includes(job.status)) hideCancel();
    if (event === 'completed' && job.result) {
      result.replaceChildren(...report(job));
      if (job.result.imageId) {
        try {
          const { blob, shown } = await storedPicture(job.result.imageId);
          const url = shown && resultUrl.set(URL.createObjectURL(shown.blob));
          if (url) result.append(el('img', { class: 'result-image', alt: shown.copy ? 'The result (the server\'s copy: this browser cannot show its format)' : 'The result', src: url }));
          // the result itself, whatever the browser shows of it: a job's page had no way to download it
          const file = downloadUrl.set(URL.createObjectURL(blob));
          if (file) result.append(el('p', {}, el('a', { id: 'job-download', class: 'button', href: file,
            download: `realskin-${id}.${fileExtension(job.result.contentType || blob.type)}`, text: 'Download the result' })));
        } catch (error) {
          result.append(problemBox(error));
        }
      }
    } else if (job.error) {
      result.replaceChildren(jobEnded(job.status, job.error));
    }
    if (['completed', 'failed', 'canceled'].includes(job.status)) loadDeliveries(deliveries, id);
  }, (problem) => {
    // no such job for this key (or the key no longer works): nothing to show or cancel
    hideCancel();
    if (problem.status === 404) skeleton.forEach((node) => { node.hidden = true; });
    message.replaceChildren(problemBox(problem));
  }, () => message.replaceChildren(problemBox(LOST))); // the job may still run: Cancel stays
  return () => {
    stream.close();
    resultUrl.revoke();
    downloadUrl.revoke();
  };
}

// What a completed job found or did, as its type reports it: an analysis its score and faces; a generate job its
// texture pass; a restore or inpaint its scores before and after, the level each face got (with auto, the engine's
// choice) and its locality receipt.
function report(job) {
  const r = job.result;
  const request = job.request || {};
  if (job.type === 'analyze') {
    const found = (r.analysis && r.analysis.faces) || [];
    const faces = found.length;
    const why = unscoredReasons(found);
    return [el('p', { id: 'job-scores', class: 'scores', text: `Plastic score ${score(r.analysis ? r.analysis.plasticScore : r.plasticScoreBefore)}`
      + ` (0 = photographic, 1 = waxy); ${faces === 0 ? 'no face' : `${faces} face${faces === 1 ? '' : 's'}`} found${why ? `. ${why}` : ''}` })];
  }
  if (job.type === 'generate') {
    return passReport(r.texturePass, Boolean(request.texturePass && request.texturePass.intensity === 'auto'));
  }
  const scores = r.plasticScoreBefore === undefined && r.plasticScoreAfter === undefined ? null
    : el('p', { id: 'job-scores', class: 'scores', text: `Plastic score before ${score(r.plasticScoreBefore)}, after ${score(r.plasticScoreAfter)} (0 = photographic, 1 = waxy)` });
  return [scores, faceLevels(r.faceRestores, request.intensity === 'auto', 'job-levels'), localityReceipt(r.locality)].filter(Boolean);
}

// One delivery (GET /v1/webhooks/deliveries): attempts is how many were made, a number (log holds each one); it was read
// as a list, "(undefined attempts)".
export function deliveryLine(d) {
  return `${d.type} → ${d.status} (${d.attempts} attempt${d.attempts === 1 ? '' : 's'})`;
}

async function loadDeliveries(container, id) {
  try {
    const answer = await json(`/v1/webhooks/deliveries?jobId=${encodeURIComponent(id)}`);
    container.replaceChildren(answer.items.length === 0 ? el('p', { text: 'No webhook deliveries for this job.' })
      : el('ul', {}, answer.items.map((d) => el('li', { text: deliveryLine(d) }))));
  } catch (error) {
    container.replaceChildren(problemBox(error));
  }
}
