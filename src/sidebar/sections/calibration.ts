// The Calibration section: its options, the Build button and the verdicts of the sheet it wrote.
import type { CalibrationOptions } from '../../shared/sidebarApi';
import { app, view } from '../context';
import { clear, h } from '../dom';
import { reviewShareOf } from '../draft';
import { button, section, selectField, textField } from '../fields';
import { errorText } from '../messages';
import { callServer } from '../rpc';
import { setBusy } from '../server';
import { updateBusy } from './saveBarStatus';
import { openAsDraft } from './suggest';

/** Opens the current rules with their points refitted from the outcomes as a draft (Save makes it a version). */
export async function openRefittedPoints(): Promise<void> {
  if (app.busy) return;
  setBusy('Refitting the points of the current rules…');
  let refit: Awaited<ReturnType<typeof callServer<'refitCurrentPoints'>>> | null = null;
  try {
    refit = await callServer('refitCurrentPoints');
    app.calibrationError = refit.model ? null : `The points were not refitted: ${refit.refusedBecause}`;
  } catch (error) {
    app.calibrationError = errorText(error);
  } finally {
    app.busy = null;
  }
  updateBusy();
  renderCalibrationResult();
  if (!refit?.model) return;
  const n = refit.changes.length;
  const auc = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  openAsDraft(refit.model, {
    kind: 'info',
    place: 'save',
    text:
      `The current rules with their refitted points are in the editor as a draft (${n} rule${n === 1 ? '' : 's'} ` +
      `change; held-out AUC ${auc(refit.holdout.aucSuggested)} against ${auc(refit.holdout.aucCurrent)} now). ` +
      'Save makes it a new version.',
    details: refit.changes.map((c) => `${c.rule}: ${c.from} → ${c.to}`),
  });
}

export async function buildCalibration(): Promise<void> {
  if (app.busy) return;
  setBusy('Building the calibration sheet…');
  try {
    app.calibration = await callServer('buildCalibrationSheet', calibrationRequest());
    app.calibrationError = null;
  } catch (error) {
    app.calibration = null;
    app.calibrationError = errorText(error);
  } finally {
    app.busy = null;
  }
  updateBusy();
  renderCalibrationResult();
}

const calibrationChoices = { compareWith: '', periodColumn: '', from: '', to: '', reviewPercent: '10' };

export function calibrationRequest(): CalibrationOptions {
  const c = calibrationChoices;
  const request: CalibrationOptions = {};
  if (c.compareWith === 'none') request.compareWithVersion = null;
  else if (c.compareWith === 'suggested') request.compareWithVersion = 'suggested';
  else if (c.compareWith !== '') request.compareWithVersion = Number(c.compareWith);
  if (c.periodColumn !== '') {
    request.period = { column: c.periodColumn };
    if (c.from !== '') request.period.from = c.from;
    if (c.to !== '') request.period.to = c.to;
  }
  const share = reviewShareOf(c.reviewPercent);
  if (share !== undefined) request.reviewShare = share;
  return request;
}

/** A text field bound to one of the calibration choices. */
export function choiceField(
  key: 'from' | 'to' | 'reviewPercent',
  label: string,
  options: { type?: string; numeric?: boolean },
): HTMLElement {
  const id = `calibration-${key === 'reviewPercent' ? 'review' : key}`;
  return textField({
    id,
    testid: id,
    label,
    ...options,
    value: calibrationChoices[key],
    onInput: (value) => {
      calibrationChoices[key] = value;
    },
  });
}

export function calibrationOptionsFields(): HTMLElement {
  const c = calibrationChoices;
  const versions = app.state?.versions ?? [];
  const headers = app.state?.data?.headers ?? [];
  return h(
    'div',
    { class: 'calibration-options' },
    selectField({
      id: 'calibration-compare',
      testid: 'calibration-compare',
      label: 'Compare with',
      value: c.compareWith,
      choices: [
        { value: '', label: 'The previous saved version' },
        { value: 'suggested', label: 'Points fitted from the outcomes' },
        ...versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}: ${v.summary}` })),
        { value: 'none', label: 'Nothing' },
      ],
      onChange: (value) => {
        c.compareWith = value;
      },
    }),
    selectField({
      id: 'calibration-period-column',
      testid: 'calibration-period-column',
      label: 'Only leads dated within a period',
      hint: 'Pick the date column that places a lead in time, then the first and last day.',
      value: c.periodColumn,
      choices: [{ value: '', label: 'All leads' }, ...headers.map((name) => ({ value: name, label: name }))],
      onChange: (value) => {
        c.periodColumn = value;
      },
    }),
    h(
      'div',
      { class: 'row2' },
      choiceField('from', 'Period from', { type: 'date' }),
      choiceField('to', 'Period to', { type: 'date' }),
    ),
    choiceField('reviewPercent', 'Review sample (% of the leads kept from sales)', { numeric: true }),
  );
}

export function calibrationSection(): HTMLElement {
  view.calibration = h('div', {
    class: 'calibration-result',
    testid: 'calibration-result',
    attrs: { 'aria-live': 'polite' },
  });
  const content = section(
    'calibration',
    'Calibration',
    h(
      'p',
      { class: 'hint' },
      'Checks the saved model against the leads’ outcomes and writes the findings to a sheet.',
    ),
    calibrationOptionsFields(),
    button('Build calibration sheet', {
      testid: 'calibrate',
      action: true,
      class: 'secondary',
      onClick: () => void buildCalibration(),
    }),
    button('Open refitted points as draft', {
      testid: 'refit-open',
      action: true,
      class: 'secondary',
      onClick: () => void openRefittedPoints(),
    }),
    view.calibration,
  );
  renderCalibrationResult();
  return content;
}

export function renderCalibrationResult(): void {
  const box = view.calibration;
  if (!box) return;
  clear(box);
  if (app.calibrationError !== null) {
    box.appendChild(h('p', { class: 'message error', attrs: { role: 'alert' } }, app.calibrationError));
    return;
  }
  const result = app.calibration;
  if (!result) return;
  if (app.evaluation?.dirty) {
    box.appendChild(
      h('p', { class: 'hint' }, 'This is the saved model: your unsaved changes are not in it.'),
    );
  }
  box.appendChild(
    h('p', {}, `Sheet “${result.sheetName}”: ${result.leads} leads, ${result.conversions} conversions.`),
  );
  if (result.verdicts.length > 0) {
    box.appendChild(
      h(
        'ul',
        { class: 'verdicts', testid: 'verdicts' },
        ...result.verdicts.map((verdict) => h('li', {}, verdict)),
      ),
    );
  }
}
