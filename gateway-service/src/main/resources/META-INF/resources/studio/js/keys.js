import { idempotencyKey, json, keyPage, ownKey, postJson, Problem, readKeys, session } from './api.js';
import { confirmFirst, el, factList, holdButton, labelled, problemBox, problemWithRetry, status } from './ui.js';
import { secretDialog } from './secret.js';

// The tenant's API keys (masked): every active one, the signed-in key marked, then the revoked and expired ones a page
// at a time (they are kept for good, so there may be many); "New key" with at most the signed-in key's scopes (never
// admin), its secret shown once; Revoke, confirmed first, the signed-in key's revocation signing the Studio out, and
// optionally taking the keys made from it (a leaked key's). Without keys:write the list is read-only.
const SCOPES = [
  ['jobs:read', 'read jobs, images, prompts and this list'],
  ['jobs:write', 'upload, run and cancel jobs, delete images'],
  ['billing:read', 'balance and ledger'],
  ['keys:write', 'create and revoke keys'],
];
const OLDER_PAGE = 20;

export function apiKeys(main) {
  const heading = el('h1', { text: 'API keys', tabindex: '-1' });
  const note = el('div', { id: 'keys-note' });
  const message = el('div', { id: 'keys-message' });
  const list = el('ul', { id: 'key-list', class: 'key-list', tabindex: '-1',
    'aria-label': 'Your keys: the active ones, then the revoked and expired ones, newest first' });
  const more = el('button', { type: 'button', id: 'more-keys', text: 'Older revoked and expired keys', hidden: true });
  const create = el('section', { id: 'new-key', 'aria-labelledby': 'new-key-heading' });
  main.append(heading, el('p', { class: 'hint', text: 'Keys of your tenant, shown by their prefix and last six characters only. '
    + 'Rotate a key by creating its replacement, moving your clients to it, then revoking the old one.' }), note, message, list, more, create);
  let own = null;
  let dialog = null;
  let active = [];
  let inactive = [];
  let olderCursor = null;

  // Every active key, and as many revoked and expired ones as were shown (at least a page): a revocation or a new key
  // keeps the list where it was.
  async function load() {
    try {
      const shown = inactive.length;
      const [current, older] = await Promise.all([readKeys('active', 100),
        readKeys('inactive', OLDER_PAGE, (read) => read.length >= shown)]);
      active = current.keys;
      inactive = older.keys;
      olderCursor = older.cursor;
      own = ownKey(active);
      render();
      if (canWrite() && !create.firstChild) create.append(...newKeyForm());
      if (!canWrite()) create.replaceChildren();
    } catch (error) {
      problemWithRetry(message, error, 'Load the keys again', 'keys-again', load, () => list);
    }
  }

  async function older() {
    const release = holdButton(more);
    try {
      const page = await keyPage('inactive', OLDER_PAGE, olderCursor);
      inactive = inactive.concat(page.items);
      olderCursor = page.nextCursor;
      const wasMore = document.activeElement === more;
      render();
      // pressed on the last page: the button goes, the focus to the list
      if (wasMore && more.hidden) list.focus();
    } catch (error) {
      message.replaceChildren(problemBox(error));
    } finally {
      release();
    }
  }
  more.addEventListener('click', older);

  function canWrite() {
    return Boolean(own && own.scopes.includes('keys:write'));
  }

  function render() {
    const keys = active.concat(inactive);
    note.replaceChildren(canWrite() ? '' : readOnlyNote());
    list.replaceChildren(...keys.map((k) => keyCard(k, keys, canWrite())));
    more.hidden = !olderCursor;
  }

  function readOnlyNote() {
    return el('p', { class: 'problem', role: 'note', text: 'Read-only: creating and revoking keys needs a key with the keys:write scope. '
      + 'Ask an administrator for one, then sign in with it.' });
  }

  function keyCard(k, keys, writable) {
    const mine = own && own.id === k.id;
    const maker = k.createdBy && keys.find((other) => other.id === k.createdBy);
    const facts = [['Key', k.hint, 'hash'], ['Kind', k.hint.startsWith('rsk_live_') ? 'live' : 'test'], ['Scopes', [...k.scopes].sort().join(' ')],
      ['Created', when(k.createdAt)], ['Expires', k.expiresAt ? when(k.expiresAt) : 'never'],
      ['Rate limit', k.rateLimitPerMinute ? `${k.rateLimitPerMinute} a minute` : "the plan's"],
      ['Last used', k.lastUsedAt ? when(k.lastUsedAt) : 'not yet']];
    // every active key is listed: a maker not listed is an administrator's key, or a revoked or expired key not loaded yet
    if (k.createdBy) {
      facts.push(['Made by', maker ? `${maker.name || 'Unnamed key'} (${maker.hint})`
        : `an administrator${olderCursor ? ', or an older key further down' : ''}`]);
    }
    if (k.revokedAt) facts.push(['Revoked', when(k.revokedAt)]);
    const actions = el('div', { class: 'image-actions key-actions' });
    const card = el('li', { class: `key-card${k.revokedAt ? ' revoked' : ''}`, 'data-key-id': k.id },
      el('h2', { class: 'key-name', text: k.name || 'Unnamed key' }, mine ? el('span', { class: 'badge', text: 'signed in with this key' }) : '',
        k.revokedAt ? el('span', { class: 'badge revoked', text: 'revoked' }) : ''),
      factList(facts, 'image-facts'), actions);
    if (writable && !k.revokedAt && within(k)) revokeActions(k, mine, activeDescendants(k, keys), mayHaveMore(k), actions);
    else if (writable && !k.revokedAt) {
      actions.append(el('p', { class: 'hint', text: 'It holds a scope your key lacks: only a key holding all of its scopes revokes it.' }));
    }
    return card;
  }

  // A key revokes only keys holding no scope it lacks (an admin key any of its tenant's): the API's rule, so no button
  // that could only be refused.
  function within(k) {
    return own.scopes.includes('admin') || k.scopes.every((scope) => own.scopes.includes(scope));
  }

  // The active keys made from k, directly or through keys made from those (revoked ones included in the walk), as the
  // API's descendants=true takes them; the API decides, this only tells how many (of the keys loaded so far).
  function activeDescendants(k, keys) {
    const found = [];
    const walk = [k.id];
    while (walk.length) {
      const parent = walk.pop();
      keys.filter((child) => child.createdBy === parent).forEach((child) => {
        walk.push(child.id);
        if (!child.revokedAt) found.push(child);
      });
    }
    return found;
  }

  // Revoked and expired keys not loaded yet may link k to keys made from it; only a key that could make keys has any.
  function mayHaveMore(k) {
    return Boolean(olderCursor) && (k.scopes.includes('keys:write') || k.scopes.includes('admin'));
  }

  function revokeActions(k, mine, descendants, unsure, actions) {
    const label = `${k.name || 'Unnamed key'} (${k.hint})`;
    const revoke = el('button', { type: 'button', class: 'revoke-key danger', text: 'Revoke', 'aria-label': `Revoke ${label}` });
    const show = () => actions.replaceChildren(revoke);
    revoke.addEventListener('click', () => {
      const also = descendants.length === 0 && !unsure ? null : el('input', { type: 'checkbox', class: 'revoke-descendants', id: `descendants-${k.id}` });
      const made = descendants.length === 0 ? 'any keys' : `the ${descendants.length === 1 ? 'key' : `${descendants.length} keys`}`;
      // the signed-in key among them (or maybe, among keys not loaded yet): revoking them signs the Studio out
      const ownAmong = descendants.some((d) => own && d.id === own.id);
      const ownMaybe = !ownAmong && unsure && Boolean(own && own.createdBy);
      const signsOut = ownAmong ? ', the key the Studio is signed in with among them: that signs the Studio out'
        : ownMaybe ? ' (the key the Studio is signed in with may be among them: then the Studio signs out)' : '';
      const alsoLabel = also && el('label', { class: 'choice confirm-text', for: also.id }, also,
        ` Also revoke ${made} made from it${unsure && descendants.length ? ', and any others' : ''}${signsOut} `,
        el('span', { class: 'hint', text: '(for a leaked key: keys it made, and keys they made)' }));
      confirmFirst(actions, revoke, show, { id: k.id, question: `Revoke ${label}?`, extra: alsoLabel,
        warning: mine ? 'This is the key the Studio is signed in with: revoking it signs the Studio out at once, and every client using it gets 401.'
          : 'Revoke this key? Every client using it gets 401 from now on. This cannot be undone.',
        action: mine ? 'Revoke and sign out' : 'Revoke for good', actionLabel: `Revoke ${label} for good`, actionClass: 'confirm-revoke',
        keepClass: 'keep-key', onConfirm: (confirm) => revokeKey(k, mine, Boolean(also && also.checked), confirm) });
    });
    show();
  }

  async function revokeKey(k, mine, withDescendants, confirm) {
    const release = holdButton(confirm);
    message.replaceChildren();
    let revoked = [k.id];
    try {
      const url = `/v1/api-keys/${encodeURIComponent(k.id)}${withDescendants ? '?descendants=true' : ''}`;
      const answer = await json(url, { method: 'DELETE', headers: { 'Idempotency-Key': idempotencyKey() } });
      if (answer) revoked = answer.revoked;
    } catch (error) {
      release();
      showWriteProblem(error, message);
      return;
    }
    // the signed-in key among the keys made from it: every call from here would be refused
    if (mine || (own && revoked.includes(own.id))) {
      signOut();
      return;
    }
    await load();
    const others = revoked.filter((id) => id !== k.id).length;
    status(`Key ${k.name || k.hint} revoked${others ? `, and ${others === 1 ? 'one key' : `${others} keys`} made from it` : ''}.`);
    heading.focus();
  }

  // The Studio's own key is gone: forget it and show the sign-in screen, with the reason in the status line once it is up.
  function signOut() {
    session.clear();
    window.addEventListener('hashchange', () => status('The key the Studio was signed in with is revoked: sign in with another.'), { once: true });
    location.hash = '#/signin';
  }

  function newKeyForm() {
    const offered = SCOPES.filter(([scope]) => own.scopes.includes(scope));
    const name = el('input', { type: 'text', maxlength: '100', autocomplete: 'off' });
    const boxes = offered.map(([scope, what]) => el('label', { class: 'choice' },
      el('input', { type: 'checkbox', name: 'scope', value: scope, id: `scope-${scope.replace(':', '-')}` }), ` ${scope} `,
      el('span', { class: 'hint', text: `(${what})` })));
    const expires = el('input', { type: 'datetime-local', 'aria-describedby': 'new-key-expires-hint' });
    const rate = el('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', max: own.rateLimitPerMinute || null,
      'aria-describedby': 'new-key-rate-hint' });
    const submit = el('button', { type: 'submit', id: 'create-key', text: 'Create the key' });
    const answer = el('div', { id: 'new-key-message' });
    const form = el('form', { class: 'card', id: 'new-key-form' },
      labelled('new-key-name', 'Name', name),
      el('fieldset', { id: 'new-key-scopes' }, el('legend', { text: 'Scopes (only those of the key you are signed in with)' }), boxes),
      labelled('new-key-expires', 'Expires (optional)', expires),
      el('p', { class: 'hint', id: 'new-key-expires-hint', text: own.expiresAt ? `No later than your key's own expiry, ${when(own.expiresAt)}; empty: that expiry.`
        : 'Empty: never.' }),
      labelled('new-key-rate', 'Rate limit per minute (optional)', rate),
      el('p', { class: 'hint', id: 'new-key-rate-hint', text: own.rateLimitPerMinute ? `At most your key's own ${own.rateLimitPerMinute}; empty: that limit.`
        : "Empty: your key's own limit, your plan's." }),
      submit, answer);
    // a problem from the last submit goes once the form changes: it was about what the form held then
    form.addEventListener('input', () => answer.replaceChildren());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const scopes = boxes.map((b) => b.querySelector('input')).filter((b) => b.checked).map((b) => b.value);
      if (scopes.length === 0) {
        answer.replaceChildren(problemBox({ title: 'Choose at least one scope', detail: 'A key without a scope can call nothing.' }));
        boxes[0].querySelector('input').focus();
        return;
      }
      const request = { scopes };
      if (name.value.trim()) request.name = name.value.trim();
      if (expires.value) request.expiresAt = new Date(expires.value).toISOString();
      if (rate.value) request.rateLimitPerMinute = Number(rate.value);
      const release = holdButton(submit);
      answer.replaceChildren();
      try {
        const created = await postJson('/v1/api-keys', request, { 'Idempotency-Key': idempotencyKey() });
        form.reset();
        dialog = secretDialog(created, () => {
          dialog = null;
          submit.focus();
        });
        main.append(dialog.node);
        dialog.open();
        await load();
      } catch (error) {
        showWriteProblem(error, answer);
      } finally {
        release();
      }
    });
    return [el('h2', { id: 'new-key-heading', text: 'New key' }), form];
  }

  // A refused write in its place: the problem, with what the API names (the field and scope beyond this key, the
  // tenant's limit); insufficient-scope turns the screen read-only, the problem above the list.
  function showWriteProblem(error, where) {
    const box = problemBox(error);
    if (!(error instanceof Problem)) {
      where.replaceChildren(box);
      return;
    }
    if (error.is('grant-exceeds-key') && error.body.field) {
      box.append(el('p', { class: 'problem-detail', text: `Beyond your key: ${error.body.field}${error.body.scope ? ` (${error.body.scope})` : ''}.` }));
    } else if (error.is('too-many-keys') && error.body.limit) {
      box.append(el('p', { class: 'problem-detail', text: `Your tenant has ${error.body.limit} active keys, the most it may: revoke one first.` }));
    } else if (error.is('insufficient-scope')) {
      note.replaceChildren(readOnlyNote());
      create.replaceChildren();
      list.querySelectorAll('.key-actions').forEach((a) => a.replaceChildren());
      message.replaceChildren(box);
      return;
    }
    where.replaceChildren(box);
  }

  load();
  return () => dialog && dialog.close();
}

function when(instant) {
  return new Date(instant).toLocaleString();
}
