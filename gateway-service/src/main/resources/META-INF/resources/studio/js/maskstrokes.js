import { el } from './ui.js';

/**
 * The mask's painting as steps that can be undone: a stroke (the dab where it starts and the lines it is drawn on with,
 * each mark with the brush's width then and whether it erased) or a clear. An undo draws the mask again from its base
 * without the last step. Steps are kept as marks, not as copies of the canvas (a 50 MP mask's pixels are 200 MB a
 * copy); past `kept` steps the oldest is drawn into the base, a canvas made only then, and can no longer be undone.
 * A dab starts a stroke; a line continues the stroke (or starts one, with no stroke yet). saved() gives the painting as
 * plain data (the steps drawn into the base since its last clear, and the steps that can be undone) and restore() paints
 * it again, so that a reload keeps the mask and its undo history (editor.js keeps it in the tab).
 */
export function maskStrokes(mask, kept = 40) {
  const ctx = mask.getContext('2d');
  const steps = [];
  let base = null;
  let stroke = null;
  // the steps drawn into the base since it was last cleared: what it is drawn again from after a reload
  let folded = [];

  const markOn = (c, mark, erase) => {
    c.globalCompositeOperation = erase ? 'destination-out' : 'source-over';
    c.strokeStyle = c.fillStyle = 'rgba(255, 60, 60, 1)';
    c.lineWidth = mark.width;
    c.lineCap = 'round';
    c.beginPath();
    if (mark.from) {
      c.moveTo(...mark.from);
      c.lineTo(...mark.to);
      c.stroke();
    } else { // a dab: a disc, as a canvas strokes no zero-length line
      c.arc(mark.to[0], mark.to[1], mark.width / 2, 0, 2 * Math.PI);
      c.fill();
    }
  };
  const stepOn = (c, step) => {
    if (step.clear) c.clearRect(0, 0, mask.width, mask.height);
    else step.marks.forEach((mark) => markOn(c, mark, step.erase));
  };
  const baseContext = () => {
    if (!base) base = el('canvas', { width: mask.width, height: mask.height });
    return base.getContext('2d');
  };
  const add = (step) => {
    steps.push(step);
    while (steps.length > kept) {
      const oldest = steps.shift();
      stepOn(baseContext(), oldest);
      if (oldest.clear) folded = [];
      else folded.push(oldest);
    }
  };
  const mark = (step, given) => {
    // a tenth of a pixel is as fine as a brush paints, and keeps saved() small
    const m = { to: tenths(given.to), width: Math.round(given.width * 10) / 10 };
    if (given.from) m.from = tenths(given.from);
    markOn(ctx, m, step.erase);
    step.marks.push(m);
  };

  return {
    dab(to, width, erase) {
      stroke = { erase, marks: [] };
      add(stroke);
      mark(stroke, { to, width });
    },
    line(from, to, width, erase) {
      if (!stroke || stroke.erase !== erase) {
        stroke = { erase, marks: [] };
        add(stroke);
      }
      mark(stroke, { from, to, width });
    },
    /** What the mask starts from (a mask painted before a reload), under every step. */
    setBase(image) {
      baseContext().drawImage(image, 0, 0);
      ctx.globalCompositeOperation = 'source-over';
      ctx.drawImage(image, 0, 0);
    },
    clear() {
      stroke = null;
      ctx.clearRect(0, 0, mask.width, mask.height);
      add({ clear: true });
    },
    /** Takes the last step back; false when there is none. */
    undo() {
      if (steps.length === 0) return false;
      steps.pop();
      stroke = null;
      ctx.globalCompositeOperation = 'source-over';
      ctx.clearRect(0, 0, mask.width, mask.height);
      if (base) ctx.drawImage(base, 0, 0);
      steps.forEach((step) => stepOn(ctx, step));
      return true;
    },
    canUndo: () => steps.length > 0,
    /** The painting as plain data, for restore(): {folded, steps}. */
    saved: () => ({ folded, steps }),
    /**
     * Paints `saved` (a saved() of a mask of this size) in place of what is painted, its steps to be undone as before.
     * False, painting nothing, when it is not one.
     */
    restore(saved) {
      if (!saved || !validSteps(saved.folded) || !validSteps(saved.steps)) return false;
      stroke = null;
      folded = saved.folded;
      steps.splice(0, steps.length, ...saved.steps);
      base = null;
      if (folded.length > 0) folded.forEach((step) => stepOn(baseContext(), step));
      ctx.globalCompositeOperation = 'source-over';
      ctx.clearRect(0, 0, mask.width, mask.height);
      if (base) ctx.drawImage(base, 0, 0);
      steps.forEach((step) => stepOn(ctx, step));
      return true;
    },
  };
}

const tenths = (p) => p.map((v) => Math.round(v * 10) / 10);
const point = (p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite);
const validMark = (m) => m && point(m.to) && Number.isFinite(m.width) && (m.from === undefined || point(m.from));
const validSteps = (steps) => Array.isArray(steps)
  && steps.every((s) => s && (s.clear === true || (Array.isArray(s.marks) && s.marks.every(validMark))));
