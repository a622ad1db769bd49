import { checkUploadLimits } from './limits.js';

// The public /v1 API with the key kept in this tab's session storage only (never localStorage, never a cookie).
const KEY = 'realskin.apiKey';

export class Problem extends Error {
  constructor(status, body, retryAfter = null) {
    super(body.title || `HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;
    this.type = body.type || 'about:blank';
    this.title = body.title || `HTTP ${status}`;
    this.detail = body.detail || '';
    this.body = body;
  }

  /** Whether this is the API's problem of that type (the last part of its type URI, e.g. 'image-in-use'). */
  is(type) {
    return this.type.endsWith(`/${type}`);
  }
}

// The jobs this tab started, by the screen and image they were started from (jobrun.js resumeJob): kept beside the key,
// and forgotten with it, as they are the key's tenant's.
const JOB = 'realskin.job.';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  clear: () => {
    sessionStorage.removeItem(KEY);
    Object.keys(sessionStorage).filter((name) => name.startsWith(JOB)).forEach((name) => sessionStorage.removeItem(name));
  },
  rememberJob: (where, jobId) => sessionStorage.setItem(`${JOB}${where}`, jobId),
  rememberedJob: (where) => sessionStorage.getItem(`${JOB}${where}`),
  forgetJob: (where) => sessionStorage.removeItem(`${JOB}${where}`),
  // a job's submit whose answer has not come yet ({request, idempotencyKey, at}), with the end of the key that sent it:
  // only that key may send it again (the same Idempotency-Key from another key is refused, or, of another tenant, a job there)
  rememberSubmit: (where, submit) => remember(`${JOB}${where}${SUBMIT}`, submit),
  rememberedSubmit: (where) => remembered(`${JOB}${where}${SUBMIT}`),
  forgetSubmit: (where) => sessionStorage.removeItem(`${JOB}${where}${SUBMIT}`),
  // the Editor's mask on its way, before its job's submit ({png, request, idempotencyKey, at}: maskupload.js), likewise;
  // false when the tab's storage has no room for it
  rememberMask: (where, mask) => remember(`${JOB}${where}${MASK}`, mask),
  rememberedMask: (where) => remembered(`${JOB}${where}${MASK}`),
  forgetMask: (where) => sessionStorage.removeItem(`${JOB}${where}${MASK}`),
  // the Editor's painting of an image's mask with its undo history (maskstrokes.js saved()), kept across a reload
  rememberStrokes: (where, saved) => remember(`${JOB}${where}${STROKES}`, saved),
  rememberedStrokes: (where) => remembered(`${JOB}${where}${STROKES}`),
  forgetStrokes: (where) => sessionStorage.removeItem(`${JOB}${where}${STROKES}`),
  // text typed on a screen (Generate's prompt), kept across a reload; '' when none
  rememberDraft: (where, text) => remember(`${JOB}${where}${DRAFT}`, { text }),
  rememberedDraft: (where) => (remembered(`${JOB}${where}${DRAFT}`) || {}).text || '',
  // a screen's settings (the Studio's level, Auto, profile, lossless), kept across a reload; {} when none
  rememberChoices: (where, choices) => remember(`${JOB}${where}${CHOICES}`, choices),
  rememberedChoices: (where) => remembered(`${JOB}${where}${CHOICES}`) || {},
};
const SUBMIT = '.submit';
const MASK = '.mask';
const DRAFT = '.draft';
const STROKES = '.strokes';
const CHOICES = '.choices';
const keyEnd = () => (session.key() || '').slice(-6);

function remember(name, value) {
  try {
    sessionStorage.setItem(name, JSON.stringify({ ...value, by: keyEnd() }));
    return true;
  } catch (error) {
    return false; // QuotaExceededError
  }
}

function remembered(name) {
  let value = null;
  try {
    value = JSON.parse(sessionStorage.getItem(name));
  } catch (error) {
    value = null;
  }
  return value && value.by === keyEnd() ? value : null;
}

/** A Retry-After header's wait in whole seconds (it gives seconds or an HTTP date), or null without a usable one. */
export function retryAfterSeconds(header) {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : null;
}

/**
 * Resolves when a refusal's Retry-After (the header's value) has passed: `fallback` seconds without a usable one, at
 * most `most` seconds.
 */
export function afterRetryAfter(header, fallback = 1, most = 60) {
  const seconds = Math.min(retryAfterSeconds(header) ?? fallback, most);
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/**
 * fetch with the key; a non-2xx answer becomes a Problem (RFC 9457 body when there is one), and no answer at all (the
 * network or the gateway down) the Problem UNREACHABLE, said in words instead of the browser's "Failed to fetch".
 */
export async function call(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', `Bearer ${session.key()}`);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new Problem(0, UNREACHABLE);
  }
  if (!response.ok) {
    let body = {};
    try {
      body = await response.json();
    } catch (e) {
      body = { title: `HTTP ${response.status}`, detail: response.statusText };
    }
    throw new Problem(response.status, body, response.headers.get('Retry-After'));
  }
  return response;
}

const UNREACHABLE = {
  title: 'The gateway did not answer',
  detail: 'No answer came: the network or the gateway is down, so what was asked may not have been done. Check the '
    + 'connection and try again (Jobs lists every job that was started).',
};

export async function json(path, options = {}) {
  const response = await call(path, options);
  return response.status === 204 ? null : response.json();
}

/**
 * DELETE of one of the tenant's objects (an image, a texture profile): true once deleted, false when it was gone
 * already (404); any other refusal is thrown as its Problem.
 */
export async function deleteObject(path) {
  try {
    await call(path, { method: 'DELETE' });
    return true;
  } catch (error) {
    if (error instanceof Problem && error.status === 404) return false;
    throw error;
  }
}

export function postJson(path, body, extraHeaders = {}) {
  return json(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...extraHeaders }, body: JSON.stringify(body) });
}

// how long the gateway keeps an Idempotency-Key's answer (realskin.idempotency.ttl, docs/api.md): a write remembered
// for longer is not sent again, as the gateway would take it for a new one
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** A fresh Idempotency-Key for one attempt of a write (a retry of the same attempt would send it again). */
export function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A page of a listing (its path may carry a query already), from `cursor` on: {items, nextCursor}. */
export function listPage(path, limit, cursor = null) {
  return json(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
}

/** A page of the tenant's keys in a state (GET /v1/api-keys?state=active, inactive or all), newest first: {items, nextCursor}. */
export function keyPage(state, limit, cursor = null) {
  return listPage(`/v1/api-keys?state=${state}`, limit, cursor);
}

/**
 * The tenant's keys in a state, page after page until none are left or `enough(keys read so far)` says so; with the
 * cursor of the page that would follow.
 */
export async function readKeys(state, limit, enough = () => false) {
  const keys = [];
  let cursor = null;
  do {
    const page = await keyPage(state, limit, cursor);
    keys.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && !enough(keys));
  return { keys, cursor };
}

/**
 * The signed-in key's entry in a list of the tenant's keys: the active one whose hint ("rsk_live_…Xa9Pq2") has the
 * key's prefix and last six characters.
 */
export function ownKey(keys, key = session.key()) {
  return keys.find((k) => k.hint && key && !k.revokedAt && key.startsWith(k.hint.slice(0, 9))
    && key.endsWith(k.hint.slice(-6))) || null;
}

/**
 * Uploads a File or Blob as the raw body; returns the image ({id, width, height, ...}). One over the gateway's limits is
 * not sent: limits.js's TooLarge says why, as the gateway's 413 would after reading it all. Sent through
 * XMLHttpRequest, which tells how much of the body has gone (fetch does not): onProgress(sentBytes, totalBytes) as it
 * goes. With idempotencyKey, the same bytes sent again with it are answered with the image the first send stored.
 * `signal` aborts it (an AbortError, as fetch's). `forOneJob`: an upload only a job about to be sent uses (the Editor's
 * mask, the Generate form's reference; a profile's photo to be deleted afterwards, which no job ever names), which the
 * gateway deletes if no job names it within a day (expireUnused=true, docs/api.md).
 */
export async function uploadImage(blob, { onProgress = () => {}, idempotencyKey: key = null, signal = null, forOneJob = false } = {}) {
  await checkUploadLimits(blob);
  const headers = { 'Content-Type': blob.type || 'application/octet-stream' };
  if (key) headers['Idempotency-Key'] = key;
  return sendWithProgress(forOneJob ? '/v1/images?expireUnused=true' : '/v1/images', blob, headers, onProgress, signal);
}

// A POST with the key, answered as json() answers: its JSON, a Problem for a non-2xx answer, UNREACHABLE for none.
function sendWithProgress(path, body, headers, onProgress, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(new DOMException('The upload was canceled', 'AbortError'));
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Authorization', `Bearer ${session.key()}`);
    Object.entries(headers).forEach(([name, value]) => request.setRequestHeader(name, value));
    request.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size));
    request.addEventListener('load', () => {
      let answer = null;
      try {
        answer = request.responseText ? JSON.parse(request.responseText) : null;
      } catch (error) {
        answer = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(answer);
      else reject(new Problem(request.status, answer || { title: `HTTP ${request.status}`, detail: request.statusText },
        request.getResponseHeader('Retry-After')));
    });
    request.addEventListener('error', () => reject(new Problem(0, UNREACHABLE)));
    request.addEventListener('abort', () => reject(new DOMException('The upload was canceled', 'AbortError')));
    if (signal) signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(body);
  });
}
