import { json, postJson } from './api.js';
import { el, MORE_CREDITS } from './ui.js';

/**
 * What a job would cost, from POST /v1/jobs/quote, in a line kept up to date by update(request): the last request's
 * answer wins. Holds nothing. The quote does not look at the balance: when the key may read it (billing:read) and it
 * falls short, the line says so before the submit is refused (402), and where more credits come from.
 */
export function costLine(id) {
  const node = el('p', { id, class: 'cost', 'aria-live': 'polite' });
  let asked = 0;
  async function update(request) {
    const mine = ++asked;
    try {
      const quote = await postJson('/v1/jobs/quote', request);
      const available = quote.allowed ? await availableCredits() : null;
      if (mine !== asked) return;
      const short = available !== null && available < quote.credits;
      node.textContent = describe(quote) + (short ? `; you have ${credits(available)} available, too few to run it. ${cap(MORE_CREDITS)}` : '');
      node.classList.toggle('refused', !quote.allowed || short);
    } catch (error) {
      if (mine === asked) node.textContent = `Cost not known: ${error.detail || error.title}`;
    }
  }
  return { node, update };
}

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
