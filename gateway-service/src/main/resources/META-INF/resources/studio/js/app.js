import { session } from './api.js';
import { signIn } from './signin.js';
import { studio } from './studio.js';
import { editor } from './editor.js';
import { generate } from './generate.js';
import { jobs, jobPage } from './jobs.js';
import { advice } from './advice.js';
import { images } from './images.js';
import { apiKeys } from './keys.js';
import { status } from './ui.js';
import { keepStatusLineClear } from './statusline.js';

// Screens by location hash; each returns a cleanup function (or nothing) run when another screen opens.
const routes = [
  [/^#\/studio$/, () => studio],
  [/^#\/studio\/([A-Za-z0-9_-]+)$/, (m) => (main) => studio(main, m[1])],
  [/^#\/editor$/, () => editor],
  [/^#\/editor\/([A-Za-z0-9_-]+)$/, (m) => (main) => editor(main, m[1])],
  [/^#\/generate$/, () => generate],
  [/^#\/jobs$/, () => jobs],
  [/^#\/images$/, () => images],
  [/^#\/advice$/, () => advice],
  [/^#\/keys$/, () => apiKeys],
  [/^#\/jobs\/([A-Za-z0-9_-]+)$/, (m) => (main) => jobPage(main, m[1])],
];
let cleanup = null;

function show() {
  if (cleanup) cleanup();
  cleanup = null;
  status('');
  const main = document.getElementById('main');
  const signedIn = Boolean(session.key());
  document.getElementById('nav').hidden = !signedIn;
  main.replaceChildren();
  if (!signedIn || location.hash === '#/signin' || location.hash === '') {
    cleanup = signIn(main) || null;
    arrive(main);
    return;
  }
  const route = routes.find(([pattern]) => pattern.test(location.hash));
  if (!route) {
    location.hash = '#/studio';
    return;
  }
  // aria-current="page", not an empty attribute: an empty value means "false", so no screen reader said which it was
  for (const link of document.querySelectorAll('#nav a')) {
    if (location.hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  cleanup = route[1](location.hash.match(route[0]))(main) || null;
  arrive(main);
}

// A new screen: the window's title names it, and the focus lands on its heading, so that a screen reader says where it
// is and Tab goes on from the top of the screen (the main region alone has no name to say).
function arrive(main) {
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · RealSkin Studio` : 'RealSkin Studio';
  if (!heading) {
    main.focus();
    return;
  }
  heading.tabIndex = -1;
  heading.focus();
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.clear();
  location.hash = '#/signin';
  show();
});
window.addEventListener('hashchange', show);
keepStatusLineClear(document.getElementById('status'));
show();
