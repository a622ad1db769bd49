import { el } from './ui.js';

/**
 * The mask's painting as steps that can be undone: a stroke (the dab where it starts and the lines it is drawn on with,
 * each mark with the brush's width then and whether it erased) or a clear. An undo draws the mask again from its base
 * without the last step. Steps are kept as marks, not as copies of the canvas (a 50 MP mask's pixels are 200 MB a
 * copy); past `kept` steps the oldest is drawn into the base, a canvas made only then, and can no longer be undone.
 * A dab starts a stroke; a line continues the stroke (or starts one, with no stroke yet).
 */
export function maskStrokes(mask, kept = 40) {
  const ctx = mask.getContext('2d');
  const steps = [];
  let base = null;
  let stroke = null;

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
    while (steps.length > kept) stepOn(baseContext(), steps.shift());
  };
  const mark = (step, m) => {
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
  };
}
