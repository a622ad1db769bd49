import { deleteObject, json, listPage, Problem } from './api.js';
import { thumbnailLoader } from './thumbnails.js';
import { byteSize, confirmFirst, el, factList, formatName, holdButton, inUseProblem, problemBox, status } from './ui.js';

// The tenant's stored images, newest first (uploads and job results), with its storage usage against the quota, and
// deletion: confirmed first, refused while a queued or running job needs the image (409 image-in-use names the jobs).
const PAGE_SIZE = 24;

export function images(main) {
  const usage = el('section', { id: 'storage-usage', class: 'usage', 'aria-label': 'Storage' }, el('p', { text: 'Loading…' }));
  const list = el('ul', { id: 'image-list', class: 'image-grid', 'aria-label': 'Images, newest first' });
  const message = el('div', { id: 'images-message' });
  const more = el('button', { type: 'button', id: 'more-images', text: 'More images', hidden: true });
  const heading = el('h1', { text: 'Images', tabindex: '-1' });
  main.append(heading, el('p', { class: 'hint', text: 'Your uploads and the results of your jobs. Deleting one removes its file from storage and frees its space.' }),
    usage, message, list, more);
  const thumbnails = thumbnailLoader();
  let cursor = null;

  async function page() {
    const release = holdButton(more);
    try {
      const answer = await listPage('/v1/images', PAGE_SIZE, cursor);
      showUsage(usage, answer.usage);
      if (!cursor && answer.items.length === 0) message.replaceChildren(el('p', { text: 'No images yet: upload one on the Studio screen.' }));
      const cards = answer.items.map(imageCard);
      list.append(...cards);
      const wasMore = document.activeElement === more;
      cursor = answer.nextCursor;
      more.hidden = !cursor;
      // "More images" pressed on the last page: the button goes, the focus to the first image it brought
      if (wasMore && more.hidden && cards.length > 0) cards[0].querySelector('.use-in-studio').focus();
    } catch (error) {
      message.replaceChildren(problemBox(error));
      // the first page refused: the storage line said "Loading…" for good
      if (!cursor) usage.replaceChildren(el('p', { text: 'Storage use not known: the list was refused.' }));
    } finally {
      release();
    }
  }

  async function refreshUsage() {
    try {
      showUsage(usage, (await json('/v1/images?limit=1')).usage);
    } catch (error) {
      message.replaceChildren(problemBox(error));
    }
  }

  function imageCard(image) {
    const thumb = el('img', { class: 'thumb', alt: `Image ${image.id}, ${image.width} × ${image.height} px`, width: image.width, height: image.height,
      'data-image-id': image.id });
    const actions = el('div', { class: 'image-actions' });
    const answer = el('div', { class: 'image-answer' });
    const card = el('li', { class: 'image-card', 'data-image-id': image.id },
      el('div', { class: 'thumb-frame' }, thumb),
      factList([['Size', byteSize(image.bytes)], ['Dimensions', `${image.width} × ${image.height} px`], ['Format', formatName(image.contentType)],
        ['From', image.jobId ? el('a', { href: `#/jobs/${encodeURIComponent(image.jobId)}`, text: `Result of job ${image.jobId}` }) : 'Upload'],
        ['Created', new Date(image.createdAt).toLocaleString()], ['Id', image.id, 'hash']], 'image-facts'),
      actions, answer);
    thumbnails.observe(thumb);

    const remove = el('button', { type: 'button', class: 'delete-image', text: 'Delete', 'aria-label': `Delete image ${image.id}` });
    const showActions = () => actions.replaceChildren(
      el('a', { class: 'button use-in-studio', href: `#/studio/${encodeURIComponent(image.id)}`, text: 'Use in Studio',
        'aria-label': `Use image ${image.id} in the Studio` }), remove);
    remove.addEventListener('click', () => {
      answer.replaceChildren();
      confirmFirst(actions, remove, showActions, { id: image.id, question: `Delete image ${image.id}?`,
        warning: 'Delete this image? This cannot be undone: its file is removed from storage.',
        action: 'Delete for good', actionLabel: `Delete image ${image.id} for good`, actionClass: 'confirm-delete', keepClass: 'keep-image',
        onConfirm: (confirm, back) => erase(image, card, answer, confirm, back) });
    });
    showActions();
    return card;
  }

  // back() shows the card's actions again with the focus on its Delete button, as after "Keep it".
  async function erase(image, card, answer, confirm, back) {
    holdButton(confirm); // never given back: the card goes, or back() replaces the button
    try {
      const deleted = await deleteObject(`/v1/images/${encodeURIComponent(image.id)}`);
      dropCard(card, deleted ? `Image ${image.id} deleted.` : `Image ${image.id} was already deleted.`);
    } catch (error) {
      answer.replaceChildren(error instanceof Problem && error.is('image-in-use') ? inUseProblem(error) : problemBox(error));
      back();
    }
  }

  // The card goes, its thumbnail's memory with it, and the focus moves to the next card's Delete button (or the
  // previous one's, or the heading when the list is empty): never lost on the removed button.
  function dropCard(card, said) {
    const neighbour = card.nextElementSibling || card.previousElementSibling;
    const thumb = card.querySelector('img.thumb');
    if (thumb) thumbnails.forget(thumb);
    card.remove();
    status(said);
    (neighbour ? neighbour.querySelector('.delete-image') : heading).focus();
    refreshUsage();
  }

  more.addEventListener('click', page);
  page();
  return thumbnails.close;
}

/** The usage line and bar: "1.2 GiB of 10 GiB, 37 images". */
function showUsage(container, usage) {
  const text = `${byteSize(usage.usedBytes)} of ${byteSize(usage.limitBytes)}, ${usage.images} image${usage.images === 1 ? '' : 's'}`;
  const full = usage.usedBytes >= usage.limitBytes;
  container.replaceChildren(
    el('p', { id: 'usage-text', text: full ? `${text}: full, uploads are refused until you delete images` : text }),
    el('meter', { id: 'usage-meter', min: 0, max: usage.limitBytes, low: usage.limitBytes * 0.8, high: usage.limitBytes * 0.95,
      optimum: 0, value: Math.min(usage.usedBytes, usage.limitBytes), 'aria-label': `Storage used: ${text}` }));
  container.dataset.usedBytes = String(usage.usedBytes);
  container.dataset.images = String(usage.images);
}
