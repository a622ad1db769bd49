import { listPage } from './api.js';
import { newProfileForm } from './newprofile.js';
import { el, labelled, problemBox, status } from './ui.js';

// The restore's texture reference: the photo's own texture (the engine's own target) or one of the tenant's texture
// profiles, newest first, a page at a time; and a new profile made from a reference photo, chosen once made.
const PAGE_SIZE = 20;

/** Returns {node, profileId()}: profileId() is null for the photo's own texture. onChange() follows each new choice. */
export function textureReference(onChange) {
  const select = el('select', { 'aria-describedby': 'texture-reference-hint' },
    el('option', { value: '', text: 'This photo’s own texture' }));
  const more = el('button', { type: 'button', id: 'more-profiles', class: 'secondary', text: 'More profiles', hidden: true });
  const toggle = el('button', { type: 'button', id: 'new-profile', class: 'secondary', text: 'New profile from a photo…',
    'aria-expanded': 'false', 'aria-controls': 'new-profile-form' });
  const problem = el('div', { id: 'profiles-problem' });
  const showForm = (open) => {
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  const form = newProfileForm((profile, said) => {
    add([profile], true);
    select.value = profile.id;
    showForm(false);
    select.focus();
    status(said);
    onChange();
  });
  toggle.addEventListener('click', () => {
    showForm(form.hidden);
    if (!form.hidden) form.querySelector('input').focus();
  });
  select.addEventListener('change', onChange);

  // a profile made here while a page was on its way is listed once
  function add(profiles, first = false) {
    const options = profiles.filter((p) => ![...select.options].some((o) => o.value === p.id)).map(profileOption);
    if (first) select.options[0].after(...options);
    else select.append(...options);
  }

  let cursor = null;
  async function page() {
    more.disabled = true;
    try {
      const answer = await listPage('/v1/texture-profiles', PAGE_SIZE, cursor);
      add(answer.items);
      const wasMore = document.activeElement === more;
      cursor = answer.nextCursor;
      more.hidden = !cursor;
      if (wasMore && more.hidden) select.focus(); // the button went: the focus to the list it filled
    } catch (error) {
      problem.replaceChildren(problemBox(error));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', page);
  page();

  const node = el('fieldset', { id: 'texture-reference-choice', class: 'reference-choice' },
    el('legend', { text: 'Texture reference' }),
    el('div', { class: 'row' }, labelled('texture-reference', 'Restore toward', select), more, toggle),
    el('p', { id: 'texture-reference-hint', class: 'hint',
      text: 'A profile applies to the full-resolution restore; the live preview shows the photo’s own target.' }),
    problem, form);
  return { node, profileId: () => select.value || null };
}

function profileOption(profile) {
  return el('option', { value: profile.id, text: `${profile.name || profile.id} · ${new Date(profile.createdAt).toLocaleString()}` });
}
