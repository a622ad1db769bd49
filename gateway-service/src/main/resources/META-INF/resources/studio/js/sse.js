import { afterRetryAfter, Problem, session } from './api.js';

// GET /v1/jobs/{id}/events read with fetch (EventSource cannot send the key): every event once, in order; after a
// dropped connection it resumes with Last-Event-ID; 204 or an ending event ends it. A refusal that asking again cannot
// change (401 a key revoked or expired meanwhile, 403, 404 a job that does not exist or is another tenant's) ends it
// too, handed to onProblem as its Problem; a busy or failing server (408, 429, 5xx) or none at all is asked again, up
// to MAX_FAILURES times in a row (a connection that brought events starts the count again), then onLost() is called:
// the page must not go on showing a job as running when it has stopped hearing of it.
const ENDINGS = new Set(['completed', 'failed', 'canceled']);
const RETRIED = new Set([408, 429]);
const MAX_FAILURES = 20;

/** What a page says when it stopped hearing of a job (followJob's onLost). */
export const LOST = {
  title: 'No news of the job',
  detail: `The gateway did not answer for its events ${MAX_FAILURES} times in a row. The job goes on at the server: `
    + 'reload the page to follow it again.',
};

export function followJob(jobId, onEvent, onProblem = () => {}, onLost = () => {}) {
  const controller = new AbortController();
  let lastId = null;
  const done = (async () => {
    for (let failures = 0; failures < MAX_FAILURES && !controller.signal.aborted;) {
      const headers = { Authorization: `Bearer ${session.key()}`, Accept: 'text/event-stream' };
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      let response;
      try {
        response = await fetch(`/v1/jobs/${encodeURIComponent(jobId)}/events`, { headers, signal: controller.signal });
      } catch (e) {
        if (controller.signal.aborted) return;
        failures += 1;
        await pause(1000);
        continue;
      }
      if (response.status === 204) return;
      if (!response.ok) {
        if (response.status < 500 && !RETRIED.has(response.status)) {
          onProblem(await problemOf(response));
          return;
        }
        failures += 1;
        await afterRetryAfter(response.headers.get('Retry-After'), 2);
        continue;
      }
      let delivered = false;
      const ended = await readEvents(response.body, (event) => {
        if (event.id !== undefined) lastId = event.id;
        delivered = true;
        onEvent(event.name, JSON.parse(event.data));
      }, controller.signal);
      if (ended) return;
      if (delivered) {
        failures = 0;
      } else {
        failures += 1; // a stream closed with nothing in it: asked again after a pause, not at once
        await pause(1000);
      }
    }
    if (!controller.signal.aborted) onLost();
  })();
  return { done, close: () => controller.abort() };
}

async function readEvents(stream, deliver, signal) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = parse(block);
        if (event.data !== undefined) {
          deliver(event);
          if (ENDINGS.has(event.name)) return true;
        }
      }
    }
  } catch (e) {
    if (signal.aborted) return true;
    return false;
  }
}

function parse(block) {
  const event = { name: 'message' };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.name = value;
    else if (field === 'id') event.id = value;
    else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
  }
  return event;
}

async function problemOf(response) {
  let body;
  try {
    body = await response.json();
  } catch (e) {
    body = { title: `HTTP ${response.status}`, detail: response.statusText };
  }
  return new Problem(response.status, body, response.headers.get('Retry-After'));
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
