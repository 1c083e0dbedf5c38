// The Activity log section (contract v2 §6): which columns of the leads and of the log tie events to leads,
// and which hold the event's type and date. The log itself is the sheet the server found.
import { nameKey } from '../../core/validate';
import { headersOf } from '../columnValues';
import { app } from '../context';
import { h } from '../dom';
import { checkField, columnField, section } from '../fields';
import { fieldKey } from '../problems';

/** The log the preview counts events from, in words. */
export function activityLogNote(): HTMLElement {
  const log = app.state?.activities;
  if (!log) {
    return h(
      'p',
      { class: 'warning', testid: 'activity-log-note' },
      'No activity log found. Add a sheet named “Activities” with a header row and one row per event (the lead’s key, the event’s type, its date), then reopen the sidebar.',
    );
  }
  const shown = log.rows.length < log.totalRows ? ` (the preview counts the first ${log.rows.length})` : '';
  return h(
    'p',
    { class: 'hint', testid: 'activity-log-note' },
    `Activity log: sheet “${log.sheetName}”, ${log.totalRows} event${log.totalRows === 1 ? '' : 's'}${shown}.`,
  );
}

function guess(headers: readonly string[], pattern: RegExp, fallback = ''): string {
  return headers.find((header) => pattern.test(header)) ?? fallback;
}

/** Turns the activity setting on with the columns the data suggests: the key both tables share, a type-like
 *  and a date-like column of the log. Keeps what the user already chose. */
export function setUpActivities(): void {
  const draft = app.draft;
  draft.activitiesOn = true;
  const leads = headersOf('leads');
  const log = headersOf('activities');
  const shared = log.find((header) => leads.some((lead) => nameKey(lead) === nameKey(header)));
  const keyLike = /e-?mail|lead|contact|id\b|key/i;
  if (draft.activityKey === '') draft.activityKey = shared ?? guess(log, keyLike, log[0] ?? '');
  if (draft.leadKey === '') {
    draft.leadKey =
      leads.find((lead) => nameKey(lead) === nameKey(draft.activityKey)) ??
      guess(leads, keyLike, leads[0] ?? '');
  }
  if (draft.typeColumn === '') draft.typeColumn = guess(log, /type|activity|event|action/i);
  if (draft.dateColumn === '') draft.dateColumn = guess(log, /date|time|when|day/i);
}

export function activitiesSection(): HTMLElement {
  const draft = app.draft;
  const key = (field: string) => [fieldKey('activities', 0, field)];
  const fields = draft.activitiesOn
    ? h(
        'div',
        { class: 'subfields' },
        columnField({
          id: 'activities-lead-key',
          label: 'Lead key (column of the leads)',
          testid: 'activities-lead-key',
          keys: key('leadKey'),
          hint: 'What identifies a lead, e.g. its email.',
          value: draft.leadKey,
          onChange: (value) => {
            draft.leadKey = value;
          },
        }),
        columnField({
          id: 'activities-activity-key',
          label: 'Same key in the log',
          testid: 'activities-activity-key',
          keys: key('activityKey'),
          source: 'activities',
          value: draft.activityKey,
          onChange: (value) => {
            draft.activityKey = value;
          },
        }),
        h(
          'div',
          { class: 'row2' },
          columnField({
            id: 'activities-type',
            label: 'Event type column',
            testid: 'activities-type',
            keys: key('typeColumn'),
            source: 'activities',
            value: draft.typeColumn,
            rerender: true,
            onChange: (value) => {
              draft.typeColumn = value;
            },
          }),
          columnField({
            id: 'activities-date',
            label: 'Date column',
            testid: 'activities-date',
            keys: key('dateColumn'),
            source: 'activities',
            value: draft.dateColumn,
            onChange: (value) => {
              draft.dateColumn = value;
            },
          }),
        ),
      )
    : null;
  return section(
    'activities',
    'Activity log',
    h(
      'p',
      { class: 'hint' },
      'Rules can count events: visits, emails opened, calls, one row each in an activity log. The add-on reads the sheet named “Activities” or “Sample activities”.',
    ),
    activityLogNote(),
    checkField({
      id: 'activities-on',
      label: 'Count events from the activity log',
      testid: 'activities-on',
      keys: key('*'),
      checked: draft.activitiesOn,
      rerender: true,
      onChange: (checked) => {
        if (checked) setUpActivities();
        else draft.activitiesOn = false;
      },
    }),
    fields,
  );
}
