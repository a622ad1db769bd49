import { postJson } from './api.js';
import { el, problemBox } from './ui.js';

// The decision tree as three questions; prompt-service's advice answers with the fixes in order, each opening the
// screen that performs it.
const SCREEN = {
  'model-choice': '#/generate',
  'prompt-texture': '#/generate',
  'reference-texture': '#/generate',
  'reference-cleanup': '#/studio',
  'texture-restore': '#/studio',
  verify: '#/studio',
  'local-texture-restore': '#/editor',
  'skin-inpaint': '#/editor',
};

const QUESTIONS = [
  ['stage', 'Where are you?', [['generating', 'About to generate an image'], ['have-image', 'I have an image with plastic skin'], ['pipeline', 'Building a pipeline of many images']]],
  ['facesAffected', 'Which faces look plastic?', [['all', 'All of them'], ['some', 'Only some']]],
  ['sourceQuality', 'How good is the image (or your reference photograph)?', [['good', 'Good'], ['low-res', 'Low resolution'], ['damaged', 'Damaged or heavily compressed']]],
];

export function advice(main) {
  const answer = el('section', { id: 'advice-answer', 'aria-live': 'polite' });
  const form = el('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const result = await postJson('/v1/advice', Object.fromEntries(QUESTIONS.map(([name]) => [name, data.get(name)])));
      answer.replaceChildren(el('p', { text: result.summary || '' }),
        el('ol', {}, (result.fixes || []).map((fix) => el('li', {},
          SCREEN[fix.id] ? el('a', { href: SCREEN[fix.id], text: fix.title || fix.id }) : el('span', { text: fix.title || fix.id }),
          fix.why ? el('span', { class: 'hint', text: ` — ${fix.why}` }) : ''))),
        (result.avoid || []).length ? el('p', { text: `Avoid: ${result.avoid.join('; ')}` }) : '');
    } catch (error) {
      answer.replaceChildren(problemBox(error));
    }
  } },
  QUESTIONS.map(([name, legend, options]) => el('fieldset', {}, el('legend', { text: legend }),
    options.map(([value, label], i) => el('label', { class: 'choice' },
      el('input', { type: 'radio', name, value, checked: i === (name === 'stage' ? 1 : 0), required: true }), ` ${label}`)))),
  el('button', { type: 'submit', text: 'What should I do?' }));
  main.append(el('h1', { text: 'Advice' }), form, answer);
}
