import { json } from './api.js';

// The image models this deployment can run for a job, and which to preselect. Generate and the Editor's inpainting
// offer the same way: only models whose provider is configured here (`available`) and that can do the job.

/** The catalogue's models available here with the capability (`generates` or `inpainting`), best skin first. */
export function offeredModels(catalogue, capability) {
  return catalogue.models.filter((m) => m.available !== false && m[capability]);
}

/** The recommended model when it is offered here, else the best skin offered (the catalogue is ordered by it). */
export function preselected(offered, recommended) {
  return offered.some((m) => m.id === recommended.id) ? recommended.id : offered[0] && offered[0].id;
}

// The recommendation is for the caller's plan; a key without billing:read cannot read it and sends none, and the
// gateway fills in the tenant's own.
export async function callerPlan() {
  try {
    return (await json('/v1/billing/balance')).plan;
  } catch (error) {
    return undefined;
  }
}
