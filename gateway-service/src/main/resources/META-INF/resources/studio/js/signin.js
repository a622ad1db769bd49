import { json, ownKey, readKeys, session, Problem } from './api.js';
import { el, factList, labelled, problemBox, status } from './ui.js';

// Sign in with an API key: the key is checked by finding it among the tenant's active keys (jobs:read), then plan and balance are
// shown when the key holds billing:read and billing has them. A 401 or 403 says what it means.
export function signIn(main) {
  const input = el('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'rsk_live_… or rsk_test_…' });
  const message = el('div', { id: 'signin-message' });
  const account = el('section', { id: 'account', 'aria-label': 'Account' });
  // the account of the last key asked about: a sign-in while the tab's key is still being shown replaces it, and the
  // earlier answer, arriving later, is dropped
  let asked = 0;
  const show = async (key) => {
    const mine = ++asked;
    account.replaceChildren();
    let shown;
    try {
      shown = await accountFacts(key);
    } catch (error) {
      if (mine === asked) throw error;
      return;
    }
    if (mine === asked) account.replaceChildren(...shown);
  };
  const form = el('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    // a key that is refused leaves the Studio as it was: signed in with the key before it, if there was one
    const previous = session.key();
    const previousAccount = [...account.childNodes]; // the account shown for it, put back as it was when the key is refused
    message.replaceChildren();
    // an API key is printable ASCII; anything else (a pasted "…") cannot go in a header, and the browser's own error for
    // it read as a gateway that did not answer
    if (/[^\x21-\x7e]/.test(input.value.trim())) {
      message.replaceChildren(problemBox({ title: 'Not an API key',
        detail: `This key contains characters an API key never has (such as “…” or a letter with an accent): paste the whole key again.${previous ? STILL : ''}` }));
      status(refused(previous));
      return;
    }
    session.set(input.value.trim());
    try {
      await show(input.value.trim());
      document.getElementById('nav').hidden = false;
      // said in the status line (a live region): the account appears below the form, silently, with the focus left in
      // the form; the key leaves the field, which would otherwise keep it on screen after sign-in
      input.value = '';
      status('Signed in. Open the Studio, or any screen above.');
    } catch (error) {
      if (previous) {
        session.set(previous);
        // its account again, at once (fetched anew it left the page without it, and its link, for a moment); a key that
        // stopped working meanwhile says so on the next screen
        if (previousAccount.length > 0) account.replaceChildren(...previousAccount);
        else show(previous).catch(() => {});
      } else {
        session.clear();
      }
      message.replaceChildren(problemBox(explain(error, previous)));
      status(refused(previous)); // not "Signed in." of the key before it, which stays
    }
  } },
  el('h1', { text: 'Sign in' }),
  el('p', { text: 'Your API key is kept in this browser tab\u2019s session storage until you sign out: the browser also brings it '
    + 'back when the tab is reopened or the session restored, and copies it into a duplicated tab. Sign out to forget it.' }),
  labelled('api-key', 'API key', input),
  el('button', { type: 'submit', text: 'Sign in' }),
  message);
  main.append(form, account);
  if (session.key()) show(session.key()).catch((error) => message.replaceChildren(problemBox(explain(error))));
}

/**
 * What the Studio shows of the key's account: its scopes, and its plan and balance when it may read them. The key list
 * has taken the key already: a balance billing cannot give (none for the tenant, as for the admin tenant: 404
 * no-billing-account; billing busy or down) is "not available", and the key stays signed in; only a 401 refuses it.
 */
async function accountFacts(key) {
  const { keys } = await readKeys('active', 100, (read) => ownKey(read, key));
  const own = ownKey(keys, key);
  const rows = [['Scopes', own ? [...own.scopes].sort().join(' ') : 'unknown']];
  try {
    const balance = await json('/v1/billing/balance');
    rows.unshift(['Plan', balance.plan], ['Credits available', balance.available], ['Credits held', balance.held]);
  } catch (error) {
    if (!(error instanceof Problem) || error.status === 401) throw error;
    rows.unshift(['Plan and balance', error.status === 403 ? 'hidden: this key lacks the billing:read scope'
      : `not available (${error.title})`]);
  }
  return [el('h2', { text: 'Signed in' }), factList(rows), el('p', {}, el('a', { href: '#/studio', class: 'button', text: 'Open the Studio' }))];
}

const STILL = ' You are still signed in with the key before it.';
const refused = (previous) => (previous ? 'That key was refused: still signed in with the key before it.' : 'That key was refused: not signed in.');

function explain(error, previous = null) {
  if (!(error instanceof Problem)) return { title: 'The gateway did not answer', detail: error.message };
  if (error.status === 401) {
    const still = previous ? STILL : '';
    return { title: error.title, detail: `${error.detail} — the key is unknown, revoked, expired or mistyped: check it, or ask an administrator for a new one.${still}` };
  }
  if (error.status === 403) {
    return { title: error.title, detail: `${error.detail} — signing in reads the key list, which needs jobs:read; ask for a key with the scopes you need.` };
  }
  return error;
}
