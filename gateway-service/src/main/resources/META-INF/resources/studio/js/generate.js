import { json, postJson, session } from './api.js';
import { uploadShowingProgress } from './uploadprogress.js';
import { costLine } from './cost.js';
import { intensityControl } from './intensity.js';
import { dropUploads, resumeJob, runJob, showStarted } from './jobrun.js';
import { uploadProblem } from './upload.js';
import { faceLevels } from './levels.js';
import { localityReceipt } from './receipt.js';
import { wordDiff } from './worddiff.js';
import { callerPlan, offeredModels, preselected } from './models.js';
import { el, fileExtension, holdButton, labelled, problemBox, score, scrollingTable, shownValue, status } from './ui.js';

// Image generation: prompt advice (lint, enhance), the model catalogue, references with consent, a texture pass, the format.
export function generate(main) {
  const prompt = el('textarea', { rows: 4, required: true, placeholder: 'A portrait of …' });
  const advice = el('div', { id: 'prompt-advice', 'aria-live': 'polite' });
  const lint = el('button', { type: 'button', id: 'check-prompt', text: 'Check the prompt' });
  const enhance = el('button', { type: 'button', id: 'enhance', text: 'Enhance' });
  const models = el('section', { id: 'models', 'aria-label': 'Models' }, el('p', { text: 'Loading the models…' }));
  const model = el('select', {});
  const reference = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp' });
  const weight = el('input', { type: 'range', min: 0.4, max: 0.6, step: 0.05, value: 0.5, 'aria-describedby': 'weight-hint' });
  const consent = el('input', { type: 'checkbox' });
  const texturePass = el('input', { type: 'checkbox', checked: true });
  // JPEG at quality 95 unless asked: a fifth of the bytes, checked and stored sooner (docs/generation.md)
  const lossless = el('input', { type: 'checkbox' });
  // Auto by default: how much texture a generated face lacks is unknown until the image exists
  const passIntensity = intensityControl('texture-pass-intensity', 'Auto brings each face to its photo band', 40, true);
  const submit = el('button', { type: 'submit', text: 'Generate' });
  const cost = costLine('generate-cost', submit);
  // the price depends on the model and the texture pass, not on the prompt's words (a job needs one, though)
  const priceIt = () => prompt.value.trim() && !model.disabled && cost.update({ type: 'generate', prompt: prompt.value, model: model.value || undefined,
    texturePass: texturePass.checked ? { intensity: passIntensity.value() } : undefined });
  [prompt, model, texturePass].forEach((input) => input.addEventListener('change', priceIt));
  // the pass's level is offered only while there is a pass: unticked, it stayed on screen and did nothing
  texturePass.addEventListener('change', () => { passIntensity.node.hidden = !texturePass.checked; });
  // the prompt is kept in the tab as it is typed: a reload (mid-generation, say) left the box empty
  prompt.value = session.rememberedDraft('generate');
  const keepDraft = () => session.rememberDraft('generate', prompt.value);
  prompt.addEventListener('input', keepDraft);
  const message = el('div', { role: 'status' }); // an upload's progress is said; a refusal inside it is an alert
  const noModel = el('p', { id: 'no-model', class: 'problem', hidden: true, text: 'No image model can generate on this deployment: '
    + 'no image provider is configured for them. An operator sets a provider key at the server; texture restores and the prompt tools work without one.' });
  const result = el('section', { id: 'generate-result', 'aria-label': 'Result' });
  let cleanup = null;
  const showResult = (done, url, shown) => {
    const pass = (done.request || {}).texturePass;
    // and its download: the picture alone could only be saved through the browser's menu, as a nameless blob
    result.replaceChildren(...[shown ? el('img', { src: shown, alt: 'The generated image', class: 'result-image' }) : '',
      url ? el('p', {}, el('a', { id: 'generate-download', class: 'button', href: url,
        download: `realskin-${done.id}.${fileExtension((done.result || {}).contentType)}`, text: 'Download the image' })) : '',
      ...passReport((done.result || {}).texturePass, Boolean(pass && pass.intensity === 'auto'))]);
  };

  // The advice is the answer to the question asked last, "Check the prompt" or "Enhance": an answer to an earlier one
  // that comes after it is dropped, so a slow check no longer replaces a rewrite shown (and maybe used) since.
  let asked = 0;
  let shown = 0;
  const advise = (button, question) => guard(advice, button, async () => {
    const mine = ++asked;
    let answer;
    try {
      answer = await question();
    } catch (error) {
      answer = [problemBox(error)];
    }
    if (mine < shown) return;
    shown = mine;
    advice.replaceChildren(...answer);
  });
  lint.addEventListener('click', () => advise(lint, async () => {
    // the findings' offsets are into the text that was checked, which the box may no longer hold
    const checked = prompt.value;
    const report = await postJson('/v1/prompts/lint', { prompt: checked });
    return [el('p', { text: `Plastic-skin risk ${report.risk} (${report.level})` }), highlighted(checked, report.findings || []),
      el('ul', {}, (report.findings || []).map((f) => el('li', { text: `“${f.text}”: ${f.suggestion ? `try “${f.suggestion}”` : f.rule}` })),
        (report.missing || []).map((m) => el('li', { text: `missing: ${m.suggestion}` }))), promptNotes(report.notes)];
  }));
  enhance.addEventListener('click', () => advise(enhance, async () => {
    const before = prompt.value;
    const better = await postJson('/v1/prompts/enhance', { prompt: before });
    // an unchanged prompt (no person, another medium, nothing to fix) has no rewrite to use: its notes say why
    return [...(better.prompt === before ? [el('p', { text: 'The prompt stays as it is.' })]
      : [el('p', { text: `Risk ${better.riskBefore} → ${better.riskAfter}. The rewrite:` }), wordDiff(before, better.prompt),
        el('button', { type: 'button', text: 'Use the rewrite', onclick: () => {
          prompt.value = better.prompt;
          keepDraft();
          priceIt();
          // the box changes silently, away from the focus on this button: said in the status line (a live region)
          status('The rewrite is in the prompt box.');
        } })]),
    promptNotes(better.notes)];
  }));
  guard(models, null, async () => {
    const catalogue = await json('/v1/models');
    const plan = await callerPlan();
    // a recommendation is advice, as in the Editor: without it (prompt-service refusing or down) the models are
    // offered all the same, the best skin first chosen; it emptied the table and the picker, and Generate sent no model
    const recommend = (phase) => postJson('/v1/models/recommend', { phase, plan }).catch((error) => ({ error }));
    const [ideation, final] = await Promise.all([recommend('ideation'), recommend('final')]);
    const here = new Set(catalogue.models.filter((m) => m.available !== false).map((m) => m.id));
    const named = (m) => `${m.id}${here.has(m.id) ? '' : ' (not available here)'}`;
    const offered = offeredModels(catalogue, 'generates');
    const failed = ideation.error || final.error;
    models.replaceChildren(modelTable(catalogue.models), el('p', { id: 'recommendation', text: failed
      ? `No recommendation: ${failed.title || failed.message}. The models are listed best skin first.`
      : `On the ${final.plan} plan, for ideation: ${named(ideation.model)}. For the final render: ${named(final.model)} — ${final.why || ''}` }));
    const chosen = preselected(offered, final.model || {});
    model.replaceChildren(...offered.map((m) => el('option', { value: m.id, text: m.id, selected: m.id === chosen })));
    model.disabled = offered.length === 0;
    submit.disabled = offered.length === 0;
    noModel.hidden = offered.length > 0;
    priceIt();
  });

  const form = el('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    message.replaceChildren();
    const request = { type: 'generate', prompt: prompt.value, model: model.value || undefined };
    if (texturePass.checked) request.texturePass = { intensity: passIntensity.value() };
    if (lossless.checked) request.outputFormat = 'png';
    if (reference.files[0]) {
      if (!consent.checked) {
        message.replaceChildren(problemBox({ title: 'Consent is required', detail: 'Confirm that you may use the person’s likeness in the reference image.' }));
        return;
      }
      // held from here: a double click uploads one reference and runs one job
      const release = holdButton(submit);
      try {
        // for this job alone: deleted by the gateway if no job names it within a day (the tab closed before the submit)
        const image = await uploadShowingProgress(reference.files[0], message, { forOneJob: true });
        message.replaceChildren();
        request.referenceImages = [{ imageId: image.id, weight: clamp(Number(weight.value)) }];
        request.consent = true;
      } catch (error) {
        message.replaceChildren(uploadProblem(error));
        return;
      } finally {
        release(); // runJob holds it from here until the job ends
      }
    }
    if (cleanup) cleanup();
    const job = runJob(request, showResult, submit, 'generate', dropReferences);
    cleanup = job.close;
    showStarted(result, job);
  } },
  labelled('prompt', 'Prompt', prompt), el('div', { class: 'row' }, lint, enhance), advice,
  labelled('model', 'Model', model), noModel,
  el('fieldset', {}, el('legend', { text: 'Reference image (optional)' }),
    labelled('reference', 'Image', reference),
    el('div', { class: 'row' }, labelled('reference-weight', 'Weight', weight), shownValue(weight, 'reference-weight', (v) => Number(v).toFixed(2))),
    el('span', { id: 'weight-hint', class: 'hint', text: '0.4–0.6: enough to carry the texture, not the face' }),
    labelled('consent', 'I have the consent of the person shown to use this image', consent)),
  labelled('texture-pass', 'Texture pass after generating', texturePass), passIntensity.node,
  labelled('lossless', 'Lossless PNG instead of JPEG (larger; Gemini models choose their own format)', lossless),
  cost.node, submit, message);
  main.append(el('h1', { text: 'Generate' }), form, models, result);
  // the last generation this tab started, shown again after a reload (running: its progress; ended: its result)
  const resumed = resumeJob('generate', showResult, submit, dropReferences);
  if (resumed) {
    cleanup = resumed.close;
    result.replaceChildren(resumed.node);
  }
  return () => cleanup && cleanup();
}

const clamp = (w) => Math.min(0.6, Math.max(0.4, w));

// A generation refused at submit (too few credits, say) leaves no reference stored for it: the form uploads its
// reference for that job alone.
const dropReferences = (problem, request) => dropUploads((request.referenceImages || []).map((r) => r.imageId), 'reference image');

// The texture pass's step as the generate job reports it: its scores, the level each face got (auto: the engine's
// choice) and its locality receipt, or why it was skipped.
export function passReport(step, auto) {
  if (!step) return [];
  if (step.status !== 'completed') {
    return [el('p', { id: 'texture-pass-status', text: `Texture pass ${step.status}${step.reason ? `: ${step.reason}` : ''}` })];
  }
  return [el('p', { id: 'texture-pass-scores', class: 'scores',
    text: `Texture pass: plastic score ${score(step.plasticScoreBefore)} → ${score(step.plasticScoreAfter)} (0 = photographic, 1 = waxy)` }),
  faceLevels(step.faceRestores, auto, 'texture-pass-levels'), localityReceipt(step.locality)].filter(Boolean);
}

function highlighted(text, findings) {
  const out = el('p', { class: 'lint', id: 'prompt-lint' });
  let at = 0;
  for (const f of [...findings].sort((x, y) => x.start - y.start)) {
    if (f.start < at) continue;
    out.append(text.slice(at, f.start), el('mark', { title: f.suggestion || f.rule, text: text.slice(f.start, f.end) }));
    at = f.end;
  }
  out.append(text.slice(at));
  return out;
}

function modelTable(models) {
  const head = ['Model', 'Provider', 'Available here', 'Skin realism rank', 'Relative cost', 'Typical latency', 'Plan'];
  return scrollingTable('Image models', el('table', {}, el('caption', { text: 'Image models, best skin first' }),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, models.map((m) => el('tr', { 'data-model': m.id }, el('th', { scope: 'row', text: m.id }), el('td', { text: m.provider || '' }),
      el('td', { class: 'available', text: m.available === false ? 'no: provider not configured' : 'yes' }),
      el('td', { text: m.skinRealismRank }), el('td', { text: m.relativeCost ?? '' }),
      el('td', { text: m.typicalLatencySeconds ? `${m.typicalLatencySeconds} s` : '' }), el('td', { text: m.planRequired || '' }))))));
}

// runs action, its problem shown in container; `button` (if any), the one that asked, is held until the answer: a slow
// answer shows as busy, and a second click while it comes sends nothing
async function guard(container, button, action) {
  const release = holdButton(button);
  try {
    await action();
  } catch (error) {
    container.replaceChildren(problemBox(error));
  } finally {
    release();
  }
}

/** What prompt-service says about its answer (why a prompt stays as it is, the intent it inferred, a kept tail). */
function promptNotes(notes) {
  return el('ul', { class: 'notes', id: 'prompt-notes' }, (notes || []).map((note) => el('li', { text: note })));
}
