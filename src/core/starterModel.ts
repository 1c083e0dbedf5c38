// A starting point from common practice (HubSpot/Marketo-style point values): fit rules on who the lead
// is, engagement rules on what they did, negative rules that pull stale or lost leads down, and decay so
// that old activity stops keeping a lead hot. Its columns are those of the sample leads sheet.
import type { Model } from './model';

export const SAMPLE_COLUMNS = [
  'Lead',
  'Company size',
  'Position',
  'Budget',
  'Urgency',
  'Activities',
  'Visits last 7 days',
  'Minutes on site',
  'Email opens',
  'Email clicks',
  'Email status',
  'Last activity',
  'Converted',
] as const;

export function starterModel(): Model {
  const decay = { dateColumn: 'Last activity', percent: 25, everyDays: 30 };
  return {
    name: 'B2B starter',
    settings: { minScore: 0, maxScore: 100 },
    groups: [
      { name: 'Company fit', kind: 'fit', maxPoints: 40 },
      { name: 'Web activity', kind: 'engagement', maxPoints: 60, decay },
      { name: 'Email engagement', kind: 'engagement', maxPoints: 20, decay },
      { name: 'Negative signals', kind: 'engagement' },
    ],
    rules: [
      rule('Company size 50–1,000', 'Company fit', 'Company size', 'between', 15, [50, 1000]),
      rule('Company size 10–49', 'Company fit', 'Company size', 'between', 5, [10, 49]),
      rule('Decision maker', 'Company fit', 'Position', 'contains any', 15, [
        'CEO',
        'Founder',
        'Director',
        'VP',
        'Head of',
      ]),
      rule('Manager', 'Company fit', 'Position', 'contains', 8, 'Manager'),
      rule('Student', 'Company fit', 'Position', 'contains', -10, 'Student'),
      rule('Budget $10,000+', 'Company fit', 'Budget', '>=', 10, 10000),
      rule('Buying this quarter', 'Company fit', 'Urgency', 'one of', 10, ['Now', 'This quarter']),
      rule('Visited pricing page', 'Web activity', 'Activities', 'contains', 10, 'pricing page'),
      rule('Downloaded price list', 'Web activity', 'Activities', 'contains', 15, 'price list'),
      rule('Subscribed to newsletter', 'Web activity', 'Activities', 'contains', 5, 'newsletter'),
      rule('Read the blog', 'Web activity', 'Activities', 'contains', 2, 'blog'),
      rule('Sent the feedback form', 'Web activity', 'Activities', 'contains', 20, 'feedback form'),
      rule('Requested a demo', 'Web activity', 'Activities', 'contains', 15, 'demo'),
      rule('Attended a webinar', 'Web activity', 'Activities', 'contains', 10, 'webinar'),
      rule('3+ visits in a week', 'Web activity', 'Visits last 7 days', '>=', 15, 3),
      rule('5+ minutes on site', 'Web activity', 'Minutes on site', '>=', 5, 5),
      { ...rule('Email opens', 'Email engagement', 'Email opens', 'per', 3), maxPoints: 15 },
      { ...rule('Email clicks', 'Email engagement', 'Email clicks', 'per', 7), maxPoints: 21 },
      rule('Unsubscribed', 'Negative signals', 'Email status', 'equals', -30, 'Unsubscribed'),
      rule('Email bounced', 'Negative signals', 'Email status', 'equals', -20, 'Bounced'),
      rule('No activity for 90 days', 'Negative signals', 'Last activity', 'older than days', -25, 90),
    ],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Warm', min: 21 },
      { name: 'Hot', min: 51, salesReady: true },
      { name: 'Very hot', min: 81, salesReady: true },
    ],
    grades: [
      { name: 'D', min: null },
      { name: 'C', min: 10 },
      { name: 'B', min: 20 },
      { name: 'A', min: 30 },
    ],
    // true/false too, so that a checkbox column works as the outcome.
    outcome: {
      column: 'Converted',
      positive: ['yes', '1', 'won', 'true'],
      negative: ['no', '0', 'lost', 'false'],
    },
  };
}

/** A model with one group and one band, for users who want to start from nothing. */
export function blankModel(): Model {
  return {
    name: 'My model',
    settings: { minScore: 0, maxScore: 100 },
    groups: [
      { name: 'Fit', kind: 'fit' },
      { name: 'Engagement', kind: 'engagement' },
    ],
    rules: [],
    bands: [
      { name: 'Cold', min: null },
      { name: 'Warm', min: 21 },
      { name: 'Hot', min: 51, salesReady: true },
      { name: 'Very hot', min: 81, salesReady: true },
    ],
  };
}

function rule(
  name: string,
  group: string,
  column: string,
  operator: Model['rules'][number]['operator'],
  points: number,
  value?: Model['rules'][number]['value'],
): Model['rules'][number] {
  return value === undefined
    ? { name, group, column, operator, points }
    : { name, group, column, operator, value, points };
}

/** The sample leads' columns with the v2 starter: three more at the right (v1 columns unchanged). */
export const SAMPLE_COLUMNS_V2 = [...SAMPLE_COLUMNS, 'Last email sent', 'Replied', 'Manual score'] as const;

/** The columns of the generated "Sample activities" sheet, one row per event. */
export const SAMPLE_ACTIVITY_COLUMNS = ['Lead', 'Activity', 'Date', 'Page'] as const;
export const SAMPLE_ACTIVITIES_SHEET = 'Sample activities';

/**
 * The starter with contract v2 at work on the sample leads and the sample activities: a tiered, weighted
 * company-size criterion, a condition over two columns ("no reply 3 days after an email"), event rules
 * counted in the activity log, placeholder answers read as blank, and a salesperson's override.
 */
export function starterModelV2(): Model {
  const v1 = starterModel();
  const v1Rules = v1.rules.filter(
    (r) =>
      !r.name.startsWith('Company size') &&
      r.name !== '3+ visits in a week' &&
      r.name !== 'Email opens' &&
      r.name !== 'Email clicks',
  );
  return {
    ...v1,
    name: 'B2B starter (v2)',
    settings: {
      minScore: 0,
      maxScore: 100,
      blankValues: ['Select', 'n/a', '-'],
      overrideColumn: 'Manual score',
    },
    activities: { leadKey: 'Lead', activityKey: 'Lead', typeColumn: 'Activity', dateColumn: 'Date' },
    groups: [
      // Rate the criterion 1–10, weight it 1–10: the levels are the rules, the weight is the group's.
      { name: 'Company size', kind: 'fit', maxPoints: 15, weight: 3, match: 'first' },
      ...v1.groups,
    ],
    rules: [
      rule('Company size 1,001+', 'Company size', 'Company size', '>', 3, 1000),
      rule('Company size 50–1,000', 'Company size', 'Company size', '>=', 5, 50),
      rule('Company size 10–49', 'Company size', 'Company size', '>=', 2, 10),
      ...v1Rules.filter((r) => r.group !== 'Negative signals'),
      {
        name: 'Pricing page 3+ times in a week',
        group: 'Web activity',
        event: 'Visited pricing page',
        withinDays: 7,
        operator: '>=',
        value: 3,
        points: 15,
      },
      {
        name: 'Email opens (30 days)',
        group: 'Email engagement',
        event: 'Email opened',
        withinDays: 30,
        operator: 'per',
        points: 3,
        maxPoints: 15,
      },
      {
        name: 'Email clicks (30 days)',
        group: 'Email engagement',
        event: 'Email clicked',
        withinDays: 30,
        operator: 'per',
        points: 7,
        maxPoints: 21,
      },
      ...v1Rules.filter((r) => r.group === 'Negative signals'),
      {
        name: 'No reply 3 days after an email',
        group: 'Negative signals',
        points: -5,
        when: {
          all: [
            { column: 'Last email sent', operator: 'older than days', value: 3 },
            { column: 'Replied', operator: 'is blank' },
          ],
        },
      },
      {
        name: 'Opened 4 emails, clicked none',
        group: 'Negative signals',
        points: -3,
        when: {
          all: [
            { column: 'Email opens', operator: '>=', value: 4 },
            { column: 'Email clicks', operator: 'equals', value: 0 },
          ],
        },
      },
    ],
  };
}
