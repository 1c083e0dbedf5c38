// Every global entry point of the add-on, and nothing else. build.mjs turns each entry into a top-level
// `function NAME(params)` with its JSDoc (Apps Script only discovers real declarations), delegating to `run`.
// Importing this file must do nothing: no service is touched at global scope.
import { SIDEBAR_API_PARAMS, type SidebarApi } from '../shared/sidebarApi';
import { buildCalibrationSheet } from './calibrationSheet';
import { explainFunction, leadFunction } from './customFunctions';
import { type EntryParam, type EntryPoint, menuCommand, trigger } from './entryPoint';
import { buildCrmHandoverSheet, buildHandoverQueue } from './handoverSheet';
import { asMenuCommand, onOpen, refreshLeadFormulas, showSidebar } from './menu';
import { exportModelJson, importModelJson } from './modelJson';
import { buildMonitorSheet } from './monitorSheet';
import { scoreActiveSheet } from './scoreSheet';
import { sidebarApi } from './sidebarApi';
import { exportModelSql } from './sqlExport';
import { insertSimpleStarter, insertStarter } from './starter';
import { applyFromMenu, suggestFromMenu } from './suggestSheet';

const DATA_PARAM: EntryParam = {
  name: 'data',
  example: 'A1:M201',
  description:
    'The leads: one row (A2:M2) or many (A1:M201). Include the header row, or keep the headers in row 1 of the same columns.',
};
const MODEL_PARAM: EntryParam = {
  name: 'model',
  example: 'LeadModel',
  optional: true,
  description:
    'The model range, LeadModel. Pass it so that editing a weight re-scores at once; without it the model sheet is read, and the formula only recomputes when its data changes.',
};

const ACTIVITIES_PARAM: EntryParam = {
  name: 'activities',
  example: 'Activities!A1:D',
  optional: true,
  description:
    'The activity log, one row per event, with its header row (e.g. Activities!A1:D). Needed when the model has rules that count events; pass an open range so that a new event re-scores.',
};

function customFunction(description: string, returns: string, run: EntryPoint['run']): EntryPoint {
  return {
    kind: 'customFunction',
    description,
    returns,
    params: [DATA_PARAM, MODEL_PARAM, ACTIVITIES_PARAM],
    run,
  };
}

function sidebarCall<K extends keyof SidebarApi>(name: K): EntryPoint {
  const params = (SIDEBAR_API_PARAMS[name] as readonly string[]).map((p) => ({ name: p }));
  return {
    kind: 'sidebar',
    description: `Sidebar call: ${name} (see src/shared/sidebarApi.ts).`,
    params,
    run: (...args: unknown[]) => (sidebarApi[name] as (...a: unknown[]) => unknown)(...args),
  };
}

export const entryPoints = {
  onOpen: trigger('Builds the add-on menu (may run in AuthMode.NONE: nothing else happens here).', onOpen),
  onInstall: trigger('Runs when the add-on is installed: builds the menu.', onOpen),

  showModelEditor: menuCommand('Menu: opens the model editor sidebar.', asMenuCommand(showSidebar)),
  scoreThisSheet: menuCommand('Menu: scores the active sheet.', asMenuCommand(scoreActiveSheet)),
  buildCalibration: menuCommand(
    'Menu: builds the Calibration sheet.',
    asMenuCommand(() => buildCalibrationSheet()),
  ),
  buildMonitor: menuCommand(
    'Menu: builds the Monitor sheet (the model per month of a date column such as Created).',
    asMenuCommand(() => buildMonitorSheet()),
  ),
  suggestModelSheet: menuCommand(
    'Menu: fits a model from the outcomes and writes the Suggested model sheet.',
    asMenuCommand(suggestFromMenu),
  ),
  applySuggestedModelFromMenu: menuCommand(
    'Menu: makes the suggested model a new version of the model.',
    asMenuCommand(applyFromMenu),
  ),
  refreshLeadFormulas: menuCommand('Menu: recalculates LEAD formulas.', asMenuCommand(refreshLeadFormulas)),
  buildCrmHandover: menuCommand(
    'Menu: writes the CRM hand-over sheet.',
    asMenuCommand(buildCrmHandoverSheet),
  ),
  buildHandoverQueue: menuCommand(
    'Menu: writes the Hand-over queue sheet.',
    asMenuCommand(buildHandoverQueue),
  ),
  exportModelJson: menuCommand('Menu: shows the model JSON.', asMenuCommand(exportModelJson)),
  exportModelSql: menuCommand(
    'Menu: shows the model as one SQL SELECT (Postgres, DuckDB, BigQuery).',
    asMenuCommand(exportModelSql),
  ),
  importModelJson: menuCommand('Menu: imports a model JSON.', asMenuCommand(importModelJson)),
  insertStarterModel: menuCommand(
    'Menu: inserts the starter model, 200 sample leads and the Sample activities log its event rules count.',
    asMenuCommand(insertStarter),
  ),
  insertSimpleStarterModel: menuCommand(
    'Menu: inserts the simple starter (no activity log: rules on the leads’ own columns) and 200 sample leads.',
    asMenuCommand(insertSimpleStarter),
  ),

  getSidebarState: sidebarCall('getSidebarState'),
  getModelRevision: sidebarCall('getModelRevision'),
  saveModel: sidebarCall('saveModel'),
  restoreVersion: sidebarCall('restoreVersion'),
  buildCalibrationSheet: sidebarCall('buildCalibrationSheet'),
  buildSuggestedModelSheet: sidebarCall('buildSuggestedModelSheet'),
  getSuggestion: sidebarCall('getSuggestion'),
  setSuggestKeepLeaky: sidebarCall('setSuggestKeepLeaky'),
  applySuggestedModel: sidebarCall('applySuggestedModel'),
  refitCurrentPoints: sidebarCall('refitCurrentPoints'),
  buildMonitorSheet: sidebarCall('buildMonitorSheet'),

  LEADSCORE: customFunction(
    'Scores leads with the lead-scoring model: one score per row, blank for blank rows.',
    'One score per row, as a column.',
    leadFunction('score'),
  ),
  LEADBAND: customFunction(
    'The band of each lead (e.g. Cold, Warm, Hot, Very hot) under the lead-scoring model.',
    'One band per row, as a column.',
    leadFunction('band'),
  ),
  LEADGRADE: customFunction(
    'The fit grade of each lead (e.g. A to D) under the lead-scoring model.',
    'One grade per row, as a column.',
    leadFunction('grade'),
  ),
  LEADCELL: customFunction(
    'The fit × engagement cell of each lead (e.g. A1, C3): its grade followed by its engagement level.',
    'One cell per row, as a column; blank when the model has no grades or no engagement levels.',
    leadFunction('cell'),
  ),
  LEADREASONS: customFunction(
    'Why each lead scored what it did: the rules that counted, largest first (e.g. "Requested a demo +15, Unsubscribed −30").',
    'One line of reasons per row, as a column.',
    leadFunction('reasons'),
  ),
  LEADEXPLAIN: customFunction(
    'Explains one lead: every rule of the model, the points it gave and, in plain words, why it did or did not count.',
    'A table: Rule, Points, Why.',
    explainFunction,
  ),
} satisfies Record<string, EntryPoint> & Record<keyof SidebarApi, EntryPoint>;
