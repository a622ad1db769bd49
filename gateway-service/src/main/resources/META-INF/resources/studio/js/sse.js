import { Problem, session } from './api.js';

// GET /v1/jobs/{id}/events read with fetch (EventSource cannot send the key): every event once, in order; after a
// dropped connection it resumes with Last-Event-ID; 204 or an ending event ends it. A refusal that asking again cannot
// change (401 a key revoked or expired meanwhile, 403, 404 a job that does not exist or is another tenant's) ends it
// too, handed to onProblem as its Problem; a busy or failing server (408, 429, 5xx) is asked again.
const ENDINGS = new Set(['completed', 'failed', 'canceled']);
const RETRIED = new Set([408, 429]);

export function followJob(jobId, onEvent, onProblem = () => {}) {
  const controller = new AbortController();
  let lastId = null;
  const done = (async () => {
    for (let attempt = 0; attempt < 20 && !controller.signal.aborted; attempt++) {
      const headers = { Authorization: `Bearer ${session.key()}`, Accept: 'text/event-stream' };
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      let response;
      try {
        response = await fetch(`/v1/jobs/${encodeURIComponent(jobId)}/events`, { headers, signal: controller.signal });
      } catch (e) {
        if (controller.signal.aborted) return;
        await pause(1000);
        continue;
      }
      if (response.status === 204) return;
      if (!response.ok) {
        if (response.status < 500 && !RETRIED.has(response.status)) {
          onProblem(await problemOf(response));
          return;
        }
        await pause(Number(response.headers.get('Retry-After') || 2) * 1000);
        continue;
      }
      const ended = await readEvents(response.body, (event) => {
        if (event.id !== undefined) lastId = event.id;
        onEvent(event.name, JSON.parse(event.data));
      }, controller.signal);
      if (ended) return;
    }
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
