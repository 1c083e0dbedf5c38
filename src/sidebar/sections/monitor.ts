// The Monitor section: the date column, the period and the baseline, the Build button, and the verdicts of
// the Monitor sheet it wrote. Its choices and result live here (they outlast a re-render).
import type { MonitorSheetOptions, MonitorSheetResult } from '../../shared/sidebarApi';
import { app } from '../context';
import { clear, h } from '../dom';
import { button, section, selectField, textField } from '../fields';
import { errorText } from '../messages';
import { callServer } from '../rpc';
import { setBusy } from '../server';
import { updateBusy } from './saveBarStatus';

const choices = { dateColumn: '', every: 'month', from: '', to: '', salesVerdict: '' };
let result: MonitorSheetResult | null = null;
let failure: string | null = null;
let resultBox: HTMLElement | null = null;

export function monitorRequest(): MonitorSheetOptions {
  const request: MonitorSheetOptions = { every: choices.every as MonitorSheetOptions['every'] };
  if (choices.dateColumn !== '') request.dateColumn = choices.dateColumn;
  if (choices.from !== '' || choices.to !== '') {
    request.baseline = {};
    if (choices.from !== '') request.baseline.from = choices.from;
    if (choices.to !== '') request.baseline.to = choices.to;
  }
  if (choices.salesVerdict !== '') request.salesVerdict = { column: choices.salesVerdict };
  return request;
}

async function buildMonitor(): Promise<void> {
  if (app.busy) return;
  setBusy('Building the monitor sheet…');
  try {
    result = await callServer('buildMonitorSheet', monitorRequest());
    failure = null;
  } catch (error) {
    result = null;
    failure = errorText(error);
  } finally {
    app.busy = null;
  }
  updateBusy();
  renderMonitorResult();
}

function dateField(key: 'from' | 'to', label: string): HTMLElement {
  return textField({
    id: `monitor-${key}`,
    testid: `monitor-${key}`,
    label,
    type: 'date',
    value: choices[key],
    onInput: (value) => {
      choices[key] = value;
    },
  });
}

export function monitorSection(): HTMLElement {
  const headers = app.state?.data?.headers ?? [];
  const columns = headers.map((name) => ({ value: name, label: name }));
  resultBox = h('div', {
    class: 'monitor-result',
    testid: 'monitor-result',
    attrs: { 'aria-live': 'polite' },
  });
  const content = section(
    'monitor',
    'Monitor',
    h(
      'p',
      { class: 'hint' },
      'Follows the saved model over time: conversion per band and AUC for each period, against a baseline, on the Monitor sheet.',
    ),
    selectField({
      id: 'monitor-date-column',
      testid: 'monitor-date-column',
      label: 'Date that places a lead in a period',
      value: choices.dateColumn,
      choices: [{ value: '', label: 'Found by itself (e.g. Created)' }, ...columns],
      onChange: (value) => {
        choices.dateColumn = value;
      },
    }),
    selectField({
      id: 'monitor-every',
      testid: 'monitor-every',
      label: 'Period',
      value: choices.every,
      choices: [
        { value: 'week', label: 'Week' },
        { value: 'month', label: 'Month' },
        { value: 'quarter', label: 'Quarter' },
      ],
      onChange: (value) => {
        choices.every = value;
      },
    }),
    h('div', { class: 'row2' }, dateField('from', 'Baseline from'), dateField('to', 'Baseline to')),
    h(
      'p',
      { class: 'hint' },
      'Leave the baseline blank to compare with the first three periods with enough outcomes.',
    ),
    selectField({
      id: 'monitor-sales-verdict',
      testid: 'monitor-sales-verdict',
      label: 'Sales verdict column (optional)',
      hint: 'Where sales records Accepted or Rejected for the leads it received.',
      value: choices.salesVerdict,
      choices: [{ value: '', label: 'None' }, ...columns],
      onChange: (value) => {
        choices.salesVerdict = value;
      },
    }),
    button('Build monitor sheet', {
      testid: 'build-monitor',
      action: true,
      class: 'secondary',
      onClick: () => void buildMonitor(),
    }),
    resultBox,
  );
  renderMonitorResult();
  return content;
}

function renderMonitorResult(): void {
  const box = resultBox;
  if (!box) return;
  clear(box);
  if (failure !== null) {
    box.appendChild(h('p', { class: 'message error', attrs: { role: 'alert' } }, failure));
    return;
  }
  if (!result) return;
  box.appendChild(
    h(
      'p',
      {},
      `Sheet “${result.sheetName}”: ${result.periods} ${result.every === 'quarter' ? 'quarters' : `${result.every}s`} by “${result.dateColumn}”` +
        `${result.worse > 0 ? `, ${result.worse} ranked worse than the baseline` : ''}.`,
    ),
  );
  if (result.verdicts.length > 0) {
    box.appendChild(
      h(
        'ul',
        { class: 'verdicts', testid: 'monitor-verdicts' },
        ...result.verdicts.slice(0, 6).map((v) => h('li', {}, v)),
      ),
    );
  }
}
