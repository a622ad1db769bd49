import { el } from './ui.js';

/**
 * The level each face got, as one line: from a preview's X-Face-Intensities or a job's result.faceRestores
 * ({intensity, skipped}); with auto intensity these are the levels the engine chose.
 */
export function faceLevels(faces, auto, id) {
  if (!faces || faces.length === 0) return null;
  const parts = faces.map((face, i) => `face ${i + 1} ${face.skipped ? `skipped (${face.skipped})` : `at ${face.intensity} %`}`);
  return el('p', { id, class: 'levels', text: `${auto ? 'Auto chose' : 'Applied'}: ${parts.join(', ')}` });
}

/** X-Face-Intensities ("37,0") as faces; [] when absent. */
export function levelsFromHeader(value) {
  return value ? value.split(',').map((level) => ({ intensity: Number(level), skipped: null })) : [];
}
