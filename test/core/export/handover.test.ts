// The CRM hand-over page and the hand-over queue, as the CLI and a sheet writer in the add-on use them.
import { describe, expect, it } from 'vitest';
import { formatReasons } from '../../../src/core/engine';
import { changesToRows, compareRuns, parseReasons } from '../../../src/core/export/changes';
import {
  handoverDocument,
  handoverHtml,
  handoverMarkdown,
  handoverRows,
} from '../../../src/core/export/handover';
import type { Model } from '../../../src/core/model';
import { starterModel } from '../../../src/core/starterModel';

describe('handoverDocument', () => {
  it('names every enabled rule with its points, each group’s limit and decay, the cut-off and the grades', () => {
    const text = handoverMarkdown(handoverDocument(starterModel()));
    for (const rule of starterModel().rules)
      expect(text).toContain(rule.name.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`));
    expect(text).toContain('Group limit: 40 points.');
    expect(text).toContain('Decay: points lose 25% every 30 days since Last activity, down to 0');
    expect(text).toContain('Sales-ready cut-off: a score of 51 or more (Hot, Very hot) is handed to sales');
    expect(text).toContain('| Email opens | for each 1 in Email opens (a number) | +3 each | at most 15 |');
    expect(text).toContain('Not calibrated yet');
  });

  it('describes v2 conditions, tiers, weights, override, placeholders and event rules', () => {
    const model: Model = {
      name: 'v2',
      settings: { blankValues: ['Select'], overrideColumn: 'Manual score' },
      activities: { leadKey: 'Email', activityKey: 'Lead email', typeColumn: 'Activity', dateColumn: 'Date' },
      groups: [{ name: 'Size', kind: 'fit', match: 'first', weight: 2 }],
      rules: [
        {
          name: 'Big',
          group: 'Size',
          points: 9,
          when: {
            all: [
              { column: 'Employees', operator: '>', value: 250 },
              {
                any: [
                  { column: 'Country', operator: 'equals', value: 'DE' },
                  { column: 'Country', operator: 'equals', value: 'FR' },
                ],
              },
            ],
          },
        },
        {
          name: 'Opens',
          group: 'Size',
          event: ['Email opened'],
          withinDays: 30,
          operator: '>=',
          value: 3,
          points: 4,
        },
      ],
      bands: [
        { name: 'Cold', min: null },
        { name: 'Hot', min: 10 },
      ],
    };
    const text = handoverMarkdown(handoverDocument(model));
    expect(text).toContain('Employees is more than 250 and (Country is "DE" or Country is "FR")');
    expect(text).toContain('at least 3 "Email opened" events in the last 30 days');
    expect(text).toContain('Tiers: only the first criterion the lead meets counts');
    expect(text).toContain("Weight: each criterion's points × 2.");
    expect(text).toContain('Manual override: when Manual score holds a number');
    expect(text).toContain('These answers count as empty everywhere: "Select".');
  });

  it('with engagement levels (v2 §10), lists them and the fit × engagement matrix of cells, best first', () => {
    const model: Model = {
      ...starterModel(),
      engagementLevels: [
        { name: '3', min: null },
        { name: '2', min: 10 },
        { name: '1', min: 25 },
      ],
    };
    const text = handoverMarkdown(handoverDocument(model));
    expect(text).toContain('Fit × engagement');
    expect(text).toContain("A lead's cell is its grade followed by its level (A1");
    expect(text).toContain('| 2 | 10 |');
    expect(text).toContain('| Grade | Level 1 | Level 2 | Level 3 |');
    expect(text).toContain('| A | A1 | A2 | A3 |');
    expect(text).toContain('| D | D1 | D2 | D3 |');
    expect(handoverMarkdown(handoverDocument(starterModel()))).not.toContain('Fit × engagement');
  });

  it('escapes names in HTML and gives a sheet rectangular rows of plain text', () => {
    const model = { ...starterModel(), name: `<script>alert("x")</script> & 'co'` };
    const blocks = handoverDocument(model);
    const html = handoverHtml(blocks);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;co&#39;');
    const rows = handoverRows(blocks);
    expect(new Set(rows.map((row) => row.length)).size).toBe(1);
    expect(rows[0]?.[0]).toBe(`CRM hand-over: ${model.name}`);
  });
});

describe('compareRuns', () => {
  const ready = new Set(['Hot']);
  it('lists entries and exits of the sales-ready bands with the reasons that changed, matching keys loosely', () => {
    const changes = compareRuns(
      [
        { key: 'a@x.com', score: 40, band: 'Warm', reasons: [{ rule: 'Demo', points: 40 }] },
        {
          key: 'b@x.com',
          score: 60,
          band: 'Hot',
          reasons: [
            { rule: 'Demo', points: 40 },
            { rule: 'Opens', points: 20 },
          ],
        },
        { key: 'c@x.com', score: 60, band: 'Hot', reasons: [] },
        { key: 'gone@x.com', score: 70, band: 'Hot', reasons: [] },
      ],
      [
        {
          key: ' A@X.com ',
          score: 55,
          band: 'Hot',
          reasons: [
            { rule: 'Demo', points: 40 },
            { rule: 'Opens', points: 15 },
          ],
        },
        {
          key: 'b@x.com',
          score: 46,
          band: 'Warm',
          reasons: [
            { rule: 'Demo', points: 40 },
            { rule: 'Opens', points: 6 },
          ],
        },
        { key: 'c@x.com', score: 61, band: 'Hot', reasons: [] },
      ],
      ready,
    );
    expect(changesToRows(changes)).toEqual([
      ['Lead', 'Change', 'Band before', 'Band now', 'Score before', 'Score now', 'Why'],
      [' A@X.com ', 'entered sales-ready', 'Warm', 'Hot', 40, 55, 'gained Opens +15'],
      ['b@x.com', 'left sales-ready', 'Hot', 'Warm', 60, 46, 'Opens +6 (was +20)'],
      ['gone@x.com', 'left sales-ready', 'Hot', '', 70, '', 'no longer in the data'],
    ]);
  });

  it('reads reasons back with rule names that hold ", " and minus signs', () => {
    expect(
      parseReasons('Size 50–1,000, big +15, Unsubscribed −30, Other −2.5', [
        'Size 50–1,000, big',
        'Unsubscribed',
      ]),
    ).toEqual([
      { rule: 'Size 50–1,000, big', points: 15 },
      { rule: 'Unsubscribed', points: -30 },
      { rule: 'Other', points: -2.5 },
    ]);
  });

  it('reads reasons back past a group cap’s note', () => {
    const text = formatReasons([
      { rule: 'Size (rating), big', points: 1965, groupCap: 40 },
      { rule: 'Visits', points: 8, groupCap: 10 },
      { rule: 'Other', points: -2 },
    ]);
    expect(text).toBe(
      'Size (rating), big +1965 (its group capped to 40), Visits +8 (its group capped to 10), Other −2',
    );
    expect(parseReasons(text, ['Size (rating), big', 'Other'])).toEqual([
      { rule: 'Size (rating), big', points: 1965 },
      { rule: 'Visits', points: 8 },
      { rule: 'Other', points: -2 },
    ]);
  });
});
