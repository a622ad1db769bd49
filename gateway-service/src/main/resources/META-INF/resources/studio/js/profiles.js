import { deleteObject, listPage, Problem } from './api.js';
import { newProfileForm } from './newprofile.js';
import { confirmFirst, el, holdButton, inUseProblem, labelled, problemBox, status } from './ui.js';

// The restore's texture reference: the photo's own texture (the engine's own target) or one of the tenant's texture
// profiles, newest first, a page at a time; a new profile made from a reference photo, chosen once made; and the chosen
// profile's deletion, confirmed first as on the Images screen, refused while a queued or running job names it (409
// profile-in-use names the jobs), the picker then back on the photo's own texture.
const PAGE_SIZE = 20;

/**
 * Returns {node, profileId()}: profileId() is null for the photo's own texture. onChange() follows each new choice.
 * `initialId` (a profile chosen before a reload) is chosen once a page lists it, unless another is chosen first.
 */
export function textureReference(onChange, initialId = null) {
  let wanted = initialId;
  const select = el('select', { 'aria-describedby': 'texture-reference-hint' },
    el('option', { value: '', text: 'This photo’s own texture' }));
  const more = el('button', { type: 'button', id: 'more-profiles', class: 'secondary', text: 'More profiles', hidden: true });
  const toggle = el('button', { type: 'button', id: 'new-profile', class: 'secondary', text: 'New profile from a photo…',
    'aria-expanded': 'false', 'aria-controls': 'new-profile-form' });
  const problem = el('div', { id: 'profiles-problem' });
  const remove = el('button', { type: 'button', id: 'delete-profile', class: 'secondary', text: 'Delete profile' });
  const actions = el('div', { id: 'profile-actions', class: 'image-actions' });
  // "Delete profile" while a profile is chosen
  const showActions = () => {
    actions.hidden = !select.value;
    if (select.value) remove.setAttribute('aria-label', `Delete texture profile ${select.selectedOptions[0].dataset.name}`);
    actions.replaceChildren(remove);
  };
  const deleted = new Set(); // a page on its way while one was deleted does not bring it back
  const showForm = (open) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  const form = newProfileForm((profile, said) => {
    add([profile], true);
    select.value = profile.id;
    showActions();
    showForm(false);
    select.focus();
    status(said);
    onChange();
  });
  toggle.addEventListener('click', () => {
    showForm(form.hidden);
    if (!form.hidden) form.querySelector('input').focus();
  });
  select.addEventListener('change', () => {
    wanted = null;
    problem.replaceChildren();
    showActions();
    onChange();
  });
  remove.addEventListener('click', () => {
    const id = select.value;
    const name = select.selectedOptions[0].dataset.name;
    problem.replaceChildren();
    confirmFirst(actions, remove, showActions, { id, question: `Delete texture profile ${name}?`,
      warning: 'Delete this texture profile? This cannot be undone: restores can no longer use it.',
      action: 'Delete for good', actionLabel: `Delete texture profile ${name} for good`, actionClass: 'confirm-delete-profile',
      keepClass: 'keep-profile', onConfirm: (confirm, back) => erase(id, name, confirm, back) });
  });

  async function erase(id, name, confirm, back) {
    holdButton(confirm); // never given back: the profile goes, or back() replaces the button
    try {
      const gone = await deleteObject(`/v1/texture-profiles/${encodeURIComponent(id)}`);
      drop(id);
      status(gone ? `Texture profile ${name} deleted.` : `Texture profile ${name} was already deleted.`);
    } catch (error) {
      problem.replaceChildren(error instanceof Problem && error.is('profile-in-use') ? inUseProblem(error) : problemBox(error));
      back();
    }
  }

  // The profile leaves the list; when it was the choice, the photo's own texture is chosen instead (and the price
  // follows). The focus goes to the list.
  function drop(id) {
    deleted.add(id);
    const chosen = select.value === id;
    [...select.options].filter((o) => o.value === id).forEach((o) => o.remove());
    if (chosen) select.value = '';
    showActions();
    select.focus();
    if (chosen) onChange();
  }

  // a profile made here while a page was on its way is listed once; a deleted one not again
  function add(profiles, first = false) {
    const options = profiles.filter((p) => !deleted.has(p.id) && ![...select.options].some((o) => o.value === p.id)).map(profileOption);
    if (first) select.options[0].after(...options);
    else select.append(...options);
  }

  let cursor = null;
  async function page() {
    const release = holdButton(more);
    try {
      const answer = await listPage('/v1/texture-profiles', PAGE_SIZE, cursor);
      add(answer.items);
      if (wanted && [...select.options].some((o) => o.value === wanted)) {
        select.value = wanted;
        wanted = null;
        showActions();
        onChange();
      }
      const wasMore = document.activeElement === more;
      cursor = answer.nextCursor;
      more.hidden = !cursor;
      if (wasMore && more.hidden) select.focus(); // the button went: the focus to the list it filled
    } catch (error) {
      problem.replaceChildren(problemBox(error));
    } finally {
      release();
    }
  }
  more.addEventListener('click', page);
  page();

  const node = el('fieldset', { id: 'texture-reference-choice', class: 'reference-choice' },
    el('legend', { text: 'Texture reference' }),
    el('div', { class: 'row' }, labelled('texture-reference', 'Restore toward', select), more, toggle),
    el('p', { id: 'texture-reference-hint', class: 'hint',
      text: 'A profile applies to the full-resolution restore; the live preview shows the photo’s own target.' }),
    actions, problem, form);
  showActions();
  return { node, profileId: () => select.value || null };
}

function profileOption(profile) {
  const name = profile.name || profile.id;
  return el('option', { value: profile.id, 'data-name': name, text: `${name} · ${new Date(profile.createdAt).toLocaleString()}` });
}
