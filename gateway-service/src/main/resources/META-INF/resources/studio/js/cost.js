import { postJson } from './api.js';
import { el } from './ui.js';

/**
 * What a job would cost, from POST /v1/jobs/quote, in a line kept up to date by update(request): the last request's
 * answer wins. Holds nothing.
 */
export function costLine(id) {
  const node = el('p', { id, class: 'cost', 'aria-live': 'polite' });
  let asked = 0;
  async function update(request) {
    const mine = ++asked;
    try {
      const quote = await postJson('/v1/jobs/quote', request);
      if (mine !== asked) return;
      node.textContent = describe(quote);
      node.classList.toggle('refused', !quote.allowed);
    } catch (error) {
      if (mine === asked) node.textContent = `Cost not known: ${error.detail || error.title}`;
    }
  }
  return { node, update };
}

const credits = (n) => `${n} credit${n === 1 ? '' : 's'}`;

function describe(quote) {
  if (!quote.allowed) return `Not in your plan: ${quote.reason}`;
  if (quote.steps.length === 1) return `Costs ${credits(quote.credits)}`;
  const parts = quote.steps.map((s) => `${s.step === 'texture-pass' ? 'texture pass' : s.operation} ${credits(s.credits)}${s.estimated ? ', estimated' : ''}`);
  return `Costs ${credits(quote.credits)} (${parts.join(' + ')})`;
}
