import { Problem, retryAfterSeconds, session } from './api.js';

// Small DOM helpers: elements built node by node, so no text from the API is ever parsed as markup.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * A problem (or any error) shown as its title and detail, in an alert region; a 429 or 503 with Retry-After says when to
 * try again; a 402 (too few credits) says where credits come from. A 401 means the key the Studio is signed
 * in with stopped working (revoked, expired) since sign-in: it says so, with a button that signs out to sign in again.
 */
export function problemBox(error) {
  const box = el('div', { class: 'problem', role: 'alert' },
    el('strong', { class: 'problem-title', text: error.title || error.message }));
  if (error.detail) box.append(el('p', { class: 'problem-detail', text: error.detail }));
  const wait = retryAfterSeconds(error.retryAfter);
  if (wait !== null && (error.status === 429 || error.status === 503)) {
    box.append(el('p', { class: 'problem-detail retry-after', text: `Try again in ${wait === 1 ? 'a second' : `${wait} seconds`}.` }));
  }
  if (error.status === 402) {
    box.append(el('p', { class: 'problem-detail', id: 'more-credits' }, `What to do: ${MORE_CREDITS} Credits held by queued or `
      + 'running jobs come back if a job fails or is canceled. ', el('a', { href: '#/signin', text: 'Your plan and balance' }), '.'));
  }
  if (error.status === 401 && session.key()) {
    box.append(el('p', { class: 'problem-detail' }, 'The key this Studio is signed in with no longer works. ',
      el('button', { type: 'button', class: 'secondary sign-in-again', text: 'Sign in again', onclick: () => {
        session.clear();
        location.hash = '#/signin';
      } })));
  }
  return box;
}

/**
 * Where credits come from, for a tenant that has too few: there is nothing to buy them with in the Studio or the public
 * API (credits are granted by the plan each month, and added or the plan raised by the deployment's operator).
 */
export const MORE_CREDITS = 'your plan\'s credits for the month arrive at the start of each month (UTC); to have more '
  + 'sooner, ask whoever runs your RealSkin account (who gave you its API keys) to add credits or move it to a larger '
  + 'plan. Neither the Studio nor the API sells credits.';

/**
 * A refusal because unfinished jobs need the object (409 image-in-use, profile-in-use): its title and detail, and a
 * link to each job its jobIds name.
 */
export function inUseProblem(problem) {
  const jobIds = (problem.body && problem.body.jobIds) || [];
  const box = problemBox(problem);
  if (jobIds.length === 0) return box;
  box.append(el('p', { class: 'problem-detail', text: jobIds.length === 1 ? 'Open the job to follow it or cancel it:' : 'Open the jobs to follow them or cancel them:' }),
    el('ul', { class: 'in-use-jobs' }, jobIds.map((id) => el('li', {}, el('a', { href: `#/jobs/${encodeURIComponent(id)}`, text: `job ${id}` })))));
  return box;
}

/**
 * Asks before something that cannot be undone, in place of the contents of `actions`: the warning, the button that
 * does it (the focus goes to it) and "Keep it". `back()` gives the actions back (`restore()`) with the focus on
 * `trigger`, the button that asked: "Keep it" calls it, and so may onConfirm(confirmButton, back) when refused.
 * `extra` (an option, say) goes between the warning and the buttons.
 */
export function confirmFirst(actions, trigger, restore, { id, question, warning, action, actionLabel, actionClass, keepClass, extra = null, onConfirm }) {
  const text = el('p', { id: `confirm-${id}`, class: 'confirm-text', text: warning });
  const confirm = el('button', { type: 'button', class: `${actionClass} danger`, text: action, 'aria-label': actionLabel, 'aria-describedby': text.id });
  const keep = el('button', { type: 'button', class: `${keepClass} secondary`, text: 'Keep it' });
  const back = () => {
    restore();
    trigger.focus();
  };
  keep.addEventListener('click', back);
  confirm.addEventListener('click', () => onConfirm(confirm, back));
  actions.replaceChildren(el('div', { class: 'confirm', role: 'group', 'aria-label': question }, text, extra || '', confirm, keep));
  confirm.focus();
}

/**
 * Holds a button while what it started runs: aria-disabled and aria-busy, its clicks (and so a form's submit through
 * it) swallowed; the function returned gives it back, once. Not `disabled`: Chromium moves the focus off a button that
 * becomes disabled, to the page, so a keyboard user who pressed it lost their place and a screen reader said nothing.
 * Holds add up: the button is free once every hold on it is given back. `busy` false holds it without aria-busy (for a
 * reason that lasts, the credits falling short: cost.js).
 */
export function holdButton(button, busy = true) {
  if (!button) return () => {};
  const hold = holds.get(button) || { all: 0, busy: 0 };
  holds.set(button, hold);
  const count = (change) => {
    hold.all += change;
    if (busy) hold.busy += change;
    if (hold.all > 0) {
      button.addEventListener('click', swallow, true); // a capturing listener on the target runs before its other listeners
      button.setAttribute('aria-disabled', 'true');
    } else {
      button.removeEventListener('click', swallow, true);
      button.removeAttribute('aria-disabled');
    }
    if (hold.busy > 0) button.setAttribute('aria-busy', 'true');
    else button.removeAttribute('aria-busy');
  };
  count(1);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    count(-1);
  };
}

const holds = new WeakMap(); // a button's holds: {all, busy}

function swallow(event) {
  event.preventDefault();
  event.stopImmediatePropagation();
}

export function showProblem(container, error) {
  container.replaceChildren(problemBox(error));
}

/**
 * A refused load shown in `container` with a button, `label`, that runs load() again, unless asking again cannot change
 * the answer (401, 403: a key revoked or a scope taken away). Pressed with the keyboard, the focus goes to the next
 * such button or to landing() once load() has run, not lost to the page. `className` names the button.
 */
export function problemWithRetry(container, error, label, className, load, landing = () => null) {
  const again = error instanceof Problem && FINAL_REFUSALS.has(error.status) ? null
    : el('button', { type: 'button', class: `secondary ${className}`, text: label, onclick: async () => {
      const hadFocus = document.activeElement === again;
      const loading = el('p', { text: 'Loading…' });
      container.replaceChildren(loading);
      await load();
      loading.remove(); // answered: what load() showed stays
      if (hadFocus) (container.querySelector(`.${className}`) || landing())?.focus();
    } });
  container.replaceChildren(problemBox(error), ...(again ? [again] : []));
}

/** Refusals asking again cannot change: the key revoked or expired, a scope taken away. */
export const FINAL_REFUSALS = new Set([401, 403]);

/**
 * A table in a region of its own that scrolls sideways when the table is wider than the screen (a phone), instead of
 * the whole page; focusable, so the keyboard scrolls it too.
 */
export function scrollingTable(label, table) {
  return el('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/**
 * A job that failed or was canceled, as a problem: "The job failed" or "The job was canceled", its error's message in
 * words and the code after it, for support ("canceled by the user (code canceled)").
 */
export function jobEnded(status, error) {
  const title = status === 'canceled' ? 'The job was canceled' : `The job ${status}`;
  const detail = error ? `${error.message || 'no reason given'}${error.code ? ` (code ${error.code})` : ''}` : '';
  return problemBox({ title, detail });
}

/** A description list of [name, value, value's class?] rows: dt name, dd value. */
/** A definition list of [name, value, class?] rows; a value is text, or an element (a link) placed as it is. */
export function factList(rows, className = null) {
  return el('dl', { class: className }, rows.flatMap(([name, value, valueClass]) => [el('dt', { text: name }),
    value instanceof Node ? el('dd', { class: valueClass || null }, value) : el('dd', { text: String(value), class: valueClass || null })]));
}

/**
 * A range input's value shown beside it (an output element, kept up to date as it moves): a slider alone did not say
 * where it stood. `format(value)` words it ("51 px"); `id` is the range's, the output's is `${id}-value`.
 */
export function shownValue(range, id, format) {
  const output = el('output', { for: id, id: `${id}-value`, text: format(range.value) });
  range.addEventListener('input', () => { output.textContent = format(range.value); });
  return output;
}

export function labelled(id, label, control) {
  control.id = id;
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), control);
}

export function status(text) {
  document.getElementById('status').textContent = text;
}

export function score(value) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(2);
}

const UNSCORED = {
  'palette-colours': 'its colours are a palette\u2019s (a GIF, PNG8 or quantised PNG of at most 256), whose dither hides the'
    + ' skin\u2019s texture: score the full-colour file',
  'too-little-skin': 'too little skin shows to score it',
};

/** Why faces of an analysis have no score, as a sentence ('' when every face has one): the engine's `unscored` codes. */
export function unscoredReasons(faces) {
  const reasons = [...new Set(faces.map((face) => face.unscored).filter(Boolean))];
  return reasons.map((code) => `No plastic score: ${UNSCORED[code] || code}.`).join(' ');
}

/** A size in bytes in binary units, as the gateway's limits are given: 512 B, 3.4 MiB, 10 GiB. */
export function byteSize(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${units[unit]}`;
}

/** An image's pixel size and format as a person reads them: "1024 × 1024 px, PNG". */
export function imageSize(image) {
  return `${image.width} × ${image.height} px, ${formatName(image.contentType)}`;
}

/** image/jpeg → JPEG, image/webp → WebP. */
export function formatName(contentType) {
  const sub = (contentType || '').split('/')[1] || 'unknown';
  return { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', tiff: 'TIFF' }[sub] || sub.toUpperCase();
}

/** The usual file extension of an image content type: image/jpeg → jpg, image/png → png. */
export function fileExtension(contentType) {
  return (contentType || 'image/jpeg').split('/')[1].replace('jpeg', 'jpg');
}
