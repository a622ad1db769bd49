import { afterRetryAfter, IDEMPOTENCY_TTL_MS, idempotencyKey, Problem, session } from './api.js';
import { uploadShowingProgress } from './uploadprogress.js';

/**
 * The Editor's mask, sent with an Idempotency-Key of its own and remembered in the tab under `remember` (its PNG, the
 * key, and the job it is for) until that job's submit is remembered in its place (jobrun.js; the Editor then calls
 * session.forgetMask): a reload while the mask is on its way sends it again with the same key (pendingMask), which
 * the gateway answers with the image the first send stored, or, if that send never reached it, stores it then. One
 * mask either way, and its job after it: no stored mask is left without the job it was sent for. A mask the tab has
 * no room to remember is sent all the same. Returns the stored mask image; its progress shows in `message`. It is sent
 * as an upload for one job (expireUnused): one whose job never comes (the tab closed, or the mask forgotten a day after
 * a reload cut its send) is deleted by the gateway 25 h after it was stored, not kept for good.
 */
export async function sendMask(remember, png, request, message) {
  const key = idempotencyKey();
  session.rememberMask(remember, { png: await dataUrl(png), request, idempotencyKey: key, at: Date.now() });
  return send(remember, png, key, message);
}

/**
 * The mask a reload left on its way under `remember`: {png, request, send(message)}, send() as sendMask sends it,
 * with its first send's key; null when there is none (or it is older than the gateway keeps a key's answer).
 */
export function pendingMask(remember) {
  const pending = session.rememberedMask(remember);
  if (!pending || Date.now() - pending.at >= IDEMPOTENCY_TTL_MS) {
    session.forgetMask(remember);
    return null;
  }
  let png;
  try {
    png = blobOf(pending.png);
  } catch (error) {
    session.forgetMask(remember); // not a data URL: nothing to send again
    return null;
  }
  return { png, request: pending.request, send: (message) => send(remember, png, pending.idempotencyKey, message) };
}

// A send the gateway is still working on (409 idempotency-in-progress: the first one, cut off by the reload, still
// being stored) is asked again after its Retry-After; a refusal forgets the mask.
async function send(remember, png, key, message) {
  const file = new File([png], 'mask.png', { type: 'image/png' });
  try {
    for (;;) {
      try {
        return await uploadShowingProgress(file, message, { idempotencyKey: key, forOneJob: true });
      } catch (error) {
        if (!(error instanceof Problem && error.is('idempotency-in-progress'))) throw error;
        await afterRetryAfter(error.retryAfter);
      }
    }
  } catch (error) {
    session.forgetMask(remember);
    throw error;
  }
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

// decoded here: the page's CSP lets fetch() read no data: URL
function blobOf(url) {
  const bytes = atob(url.slice(url.indexOf(',') + 1));
  return new Blob([Uint8Array.from(bytes, (c) => c.charCodeAt(0))], { type: 'image/png' });
}
