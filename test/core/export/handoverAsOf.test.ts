// The hand-over page says when each lead is judged as of its own day (contract v2 §9).
import { describe, expect, it } from 'vitest';
import { handoverDocument, handoverHtml, handoverMarkdown } from '../../../src/core/export/handover';
import { starterModel } from '../../../src/core/starterModel';

describe('hand-over with settings.asOfColumn', () => {
  it('states the as-of column and the fallback day', () => {
    const model = starterModel();
    model.settings = { ...model.settings, asOf: '2026-06-30', asOfColumn: 'Handed to sales on' };
    const text = handoverMarkdown(handoverDocument(model));
    expect(text).toContain(
      'Each lead is judged as of its own day: when Handed to sales on holds a date, ages, windows, decay and events are counted to that day, and later events do not count; otherwise to 2026-06-30.',
    );
  });

  it('keeps a hostile column name as text in HTML, and says nothing without the setting', () => {
    const model = starterModel();
    model.settings = { ...model.settings, asOfColumn: '<b>Closed</b>' };
    const html = handoverHtml(handoverDocument(model));
    expect(html).toContain('&#60;b&#62;Closed&#60;/b&#62; holds a date');
    expect(html).not.toContain('<b>Closed</b>');
    expect(handoverMarkdown(handoverDocument(starterModel()))).not.toContain('judged as of its own day');
  });
});
