import { json, postJson } from './api.js';
import { el, holdButton, MORE_CREDITS } from './ui.js';

/**
 * What a job would cost, from POST /v1/jobs/quote, in a line kept up to date by update(request): the last request's
 * answer wins. Holds nothing. The quote does not look at the balance: when the key may read it (billing:read) and it
 * falls short, the line says so before the submit is refused (402), and where more credits come from, and `run`, the
 * button that would submit it, is held (aria-disabled, described by the line) until a price or balance that fits
 * comes; an unknown balance (no billing:read, no answer) holds nothing, the gateway decides. The line is asked again
 * when a job ends (its credits spent or given back) and when the tab comes back into view (credits added meanwhile).
 */
export function costLine(id, run = null) {
  const node = el('p', { id, class: 'cost', 'aria-live': 'polite' });
  if (run) run.setAttribute('aria-describedby', [run.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  let asked = 0;
  let last = null;
  let release = () => {};
  const hold = (short) => {
    release();
    release = short ? holdButton(run, false) : () => {};
  };
  async function update(request) {
    const mine = ++asked;
    last = request;
    try {
      const quote = await postJson('/v1/jobs/quote', request);
      const available = quote.allowed ? await availableCredits() : null;
      if (mine !== asked) return;
      const short = available !== null && available < quote.credits;
      node.textContent = describe(quote) + (short ? `; you have ${credits(available)} available, too few to run it. ${cap(MORE_CREDITS)}` : '');
      node.classList.toggle('refused', !quote.allowed || short);
      hold(short);
    } catch (error) {
      if (mine !== asked) return;
      node.textContent = `Cost not known: ${error.detail || error.title}`;
      hold(false);
    }
  }
  // asked again while the line is on screen; a screen gone stops listening at the next event
  const again = () => {
    if (!node.isConnected) {
      document.removeEventListener(JOB_ENDED, again);
      document.removeEventListener('visibilitychange', again);
      return;
    }
    if (last && !document.hidden) update(last);
  };
  document.addEventListener(JOB_ENDED, again);
  document.addEventListener('visibilitychange', again);
  return { node, update };
}

/** The event jobrun.js sends on the document when a job it follows has ended. */
export const JOB_ENDED = 'realskin-job-ended';

const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const credits = (n) => `${n} credit${n === 1 ? '' : 's'}`;

function describe(quote) {
  if (!quote.allowed) return `Not in your plan: ${quote.reason}`;
  if (quote.steps.length === 1) return `Costs ${credits(quote.credits)}`;
  const parts = quote.steps.map((s) => `${s.step === 'texture-pass' ? 'texture pass' : s.operation} ${credits(s.credits)}${s.estimated ? ', estimated' : ''}`);
  return `Costs ${credits(quote.credits)} (${parts.join(' + ')})`;
}

/** The credits the tenant may spend now, or null when the key may not read the balance (or it did not answer). */
async function availableCredits() {
  try {
    return (await json('/v1/billing/balance')).available;
  } catch (error) {
    return null;
  }
}
