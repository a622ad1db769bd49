import { deleteObject, postJson, Problem } from './api.js';
import { uploadShowingProgress } from './uploadprogress.js';
import { uploadProblem } from './upload.js';
import { el, holdButton, labelled, problemBox, status } from './ui.js';

/**
 * "New profile from a photo": a reference photo, an optional name and the consent it needs (checked before anything
 * is sent). The photo is uploaded, measured by POST /v1/texture-profiles and, when asked, deleted again: the profile
 * keeps its skin statistics only. When no profile could be made, the photo is deleted again whatever was asked: it
 * was uploaded (with its subject's consent) for the profile alone. A photo to be deleted afterwards is uploaded as one
 * job's input (expireUnused=true, as the Generate form's reference): no job ever names it, so if the tab closes before
 * the form deletes it, or the deletion fails, the gateway deletes it within a day (until 2026-12-07 it was a plain
 * upload, kept for good). onProfile(profile, said) gets the new profile and a sentence saying what happened.
 */
export function newProfileForm(onProfile) {
  const photo = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/tiff' });
  const name = el('input', { type: 'text', maxlength: 100, autocomplete: 'off' });
  const consent = el('input', { type: 'checkbox', id: 'profile-consent' });
  const forget = el('input', { type: 'checkbox', id: 'profile-delete-photo', 'aria-describedby': 'profile-delete-photo-hint' });
  const make = el('button', { type: 'submit', id: 'make-profile', text: 'Make the profile' });
  const message = el('div', { id: 'profile-message', role: 'status' }); // the upload's progress and "Measuring…" are said
  const form = el('form', { id: 'new-profile-form', class: 'card', hidden: true, 'aria-label': 'New texture profile' },
    labelled('profile-photo', 'Reference photo', photo),
    labelled('profile-name', 'Name (optional)', name),
    el('label', { class: 'choice', for: consent.id }, consent, ' I have the consent of the person shown to use this photo'),
    el('label', { class: 'choice', for: forget.id }, forget, ' Delete the photo afterwards, keep only its statistics'),
    el('span', { id: 'profile-delete-photo-hint', class: 'hint', text: 'A profile holds no pixels and no face: the restore needs only its statistics.' }),
    make, message);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = photo.files[0];
    const refusal = !file ? { title: 'Choose a photo', detail: 'The profile is measured from a portrait with a visible face.' }
      : !consent.checked ? { title: 'Consent is required', detail: 'Confirm that you may use the person’s likeness in the reference photo.' } : null;
    if (refusal) {
      message.replaceChildren(problemBox(refusal));
      return;
    }
    const release = holdButton(make);
    try {
      const made = await makeProfile(file, name.value.trim(), forget.checked, message);
      if (made) {
        form.reset();
        message.replaceChildren();
        onProfile(made.profile, made.said);
      }
    } finally {
      release();
    }
  });
  return form;
}

// null (the problem shown in `message`) when the upload or the profile failed; a photo that could not be deleted
// afterwards still gives the profile, and the sentence says so.
async function makeProfile(file, name, forget, message) {
  let image;
  try {
    // to be deleted afterwards: for the profile alone, so the gateway deletes it if this tab never does
    image = await uploadShowingProgress(file, message, { forOneJob: forget });
    message.replaceChildren(el('p', { text: `Measuring ${file.name}…` }));
  } catch (error) {
    message.replaceChildren(uploadProblem(error));
    return null;
  }
  let profile;
  try {
    profile = await postJson('/v1/texture-profiles', { imageId: image.id, consent: true, name: name || undefined });
  } catch (error) {
    message.replaceChildren(profileProblem(error));
    // only ever the photo this form has just uploaded, never an image the tenant had before
    const kept = await deletePhoto(image);
    status(kept ? `No profile made; the photo (image ${image.id}) could not be deleted: ${kept}. ${later(forget)}`
      : `No profile made; the uploaded photo ${file.name} is deleted.`);
    return null;
  }
  if (!forget) return { profile, said: `Texture profile made from ${file.name} (image ${image.id}).` };
  const kept = await deletePhoto(image);
  return { profile, said: kept ? `Texture profile made from ${file.name}; the photo (image ${image.id}) could not be deleted: ${kept}. ${later(forget)}`
    : `Texture profile made from ${file.name}; the photo is deleted, its statistics kept.` };
}

// What becomes of a photo this form could not delete: one uploaded for the profile alone the gateway deletes itself
function later(forOneJob) {
  return forOneJob ? 'The gateway deletes it within a day.' : 'Delete it on the Images screen.';
}

// Deletes the photo this form uploaded: null once it is gone, else why it is not (the problem's title).
async function deletePhoto(image) {
  try {
    await deleteObject(`/v1/images/${encodeURIComponent(image.id)}`);
    return null;
  } catch (error) {
    return error.title || error.message;
  }
}

// The refusal, with what to do when the tenant has all the profiles it may
function profileProblem(error) {
  const box = problemBox(error);
  if (error instanceof Problem && error.is('too-many-profiles')) {
    box.append(el('p', { class: 'problem-detail', text: 'Delete a profile you no longer use first: choose it under Restore toward, then Delete profile.' }));
  }
  return box;
}
