import { el, labelled } from './ui.js';

/**
 * The intensity slider with its value and an "Auto" checkbox beside it: while Auto is on the slider is disabled and
 * value() is 'auto' (the API's "intensity": "auto", the engine picks each face's level); else the slider's 0..100.
 * ids: `${id}` (slider), `${id}-value` (the number shown), `${id}-auto` (the checkbox); `autoOn` starts with Auto on.
 */
export function intensityControl(id, hint, initial = 40, autoOn = false) {
  const hintId = `${id}-hint`;
  const slider = el('input', { type: 'range', min: 0, max: 100, step: 1, value: initial, 'aria-describedby': hintId });
  const shown = el('output', { for: id, id: `${id}-value`, text: String(initial) });
  const auto = el('input', { type: 'checkbox', id: `${id}-auto`, checked: autoOn, 'aria-describedby': hintId });
  const listeners = [];
  const value = () => (auto.checked ? 'auto' : Number(slider.value));
  function changed() {
    slider.disabled = auto.checked;
    shown.textContent = auto.checked ? 'auto' : slider.value;
    listeners.forEach((listener) => listener(value()));
  }
  slider.addEventListener('input', changed);
  auto.addEventListener('change', changed);
  slider.disabled = autoOn;
  if (autoOn) shown.textContent = 'auto';
  const node = el('div', { class: 'row' },
    labelled(id, 'Intensity', slider), shown,
    el('label', { for: `${id}-auto` }, auto, ' Auto: the engine picks each face\u2019s level'),
    el('span', { id: hintId, class: 'hint', text: hint }));
  // level(): the slider's 0..100, also while Auto is on
  return { node, value, level: () => Number(slider.value), onChange: (listener) => listeners.push(listener) };
}
