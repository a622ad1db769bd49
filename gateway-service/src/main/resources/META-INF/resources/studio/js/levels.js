import { el } from './ui.js';

// Why the engine left a face as it was (faceRestores[].skipped, docs/texture-engine.md), in a console user's words;
// the code itself stays in the face's title for support.
const LEFT_AS_IT_IS = {
  'too-small': 'too little skin to measure',
  'outside-mask': 'outside the area you painted',
  'in-band': 'its skin already has natural texture',
  'at-ceiling': 'its skin already has as much texture as this level adds',
  'intensity-0': 'the level is 0 %',
};

/**
 * The level each face got, as one line: from a preview's X-Face-Intensities or a job's result.faceRestores
 * ({intensity, skipped}); with auto intensity these are the levels the engine chose.
 */
export function faceLevels(faces, auto, id) {
  if (!faces || faces.length === 0) return null;
  const parts = faces.map((face, i) => (face.skipped
    ? el('span', { class: 'face-skipped', title: face.skipped, 'data-skipped': face.skipped },
      `face ${i + 1} left as it is: ${LEFT_AS_IT_IS[face.skipped] || `the engine reports “${face.skipped}”`}`)
    : `face ${i + 1} at ${face.intensity} %`));
  return el('p', { id, class: 'levels' }, `${auto ? 'Auto chose' : 'Applied'}: `, parts.flatMap((part, i) => (i ? ['; ', part] : [part])));
}

/** X-Face-Intensities ("37,0") as faces; [] when absent. */
export function levelsFromHeader(value) {
  return value ? value.split(',').map((level) => ({ intensity: Number(level), skipped: null })) : [];
}
