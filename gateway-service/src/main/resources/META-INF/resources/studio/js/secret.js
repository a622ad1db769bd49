import { el, status } from './ui.js';

/**
 * A new key's secret in a modal dialog, the only time it is shown: a copy button and the warning that it will not be
 * seen again. It is kept nowhere else (no storage, no variable outliving the dialog): closing the dialog (Done, Escape,
 * leaving the screen) empties it and removes it from the page, then onClosed() puts the focus back.
 */
export function secretDialog(created, onClosed) {
  const secret = el('code', { id: 'new-key-secret', class: 'hash secret', text: created.key });
  const copy = el('button', { type: 'button', id: 'copy-key', text: 'Copy the key' });
  const done = el('button', { type: 'button', id: 'close-key-dialog', class: 'secondary', text: 'Done, I have stored it' });
  const node = el('dialog', { id: 'new-key-dialog', class: 'secret-dialog', 'aria-labelledby': 'new-key-dialog-title',
    'aria-describedby': 'new-key-dialog-warning' },
  el('h2', { id: 'new-key-dialog-title', text: `Your new key${created.name ? `: ${created.name}` : ''}` }),
  el('p', { id: 'new-key-dialog-warning', class: 'problem', text: 'Copy it now and store it safely: you will not see it again. '
    + 'RealSkin keeps only its hash; if you lose it, revoke it and create another.' }),
  el('p', {}, secret),
  el('p', { class: 'hint', text: `Scopes: ${[...created.scopes].sort().join(' ')} · shown in the list as ${created.hint}` }),
  el('div', { class: 'image-actions' }, copy, done));

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(secret.textContent);
      status('Key copied to the clipboard.');
    } catch (error) {
      getSelection().selectAllChildren(secret); // no clipboard (an insecure origin, a refused permission): selected to copy by hand
      status('The browser refused the clipboard: the key is selected, copy it with Ctrl+C or ⌘C.');
    }
  });
  done.addEventListener('click', () => node.close());
  node.addEventListener('close', () => {
    secret.textContent = '';
    node.remove();
    onClosed();
  }, { once: true });
  return {
    node,
    open: () => {
      node.showModal();
      copy.focus();
    },
    close: () => node.open && node.close(),
  };
}
