// An activity log given a row at a time (contract v2 §6), for a caller that reads it from a file as a stream
// (the CLI): nothing of a row is kept once it is added, only the tallies of the ActivityIndexBuilder.
// compileModel indexes a table in memory through the same builder (indexActivityTable).

import type { Model, Problem } from '../model';
import { parseModel } from '../validate';
import { ActivityIndexBuilder } from './activityIndex';
import { type CompileContext, compileContext, findColumn, indexHeaders, listHeaders } from './compileContext';
import type { ActivityIndex, ActivityTable, StreamedActivities } from './events';
import type { ScoringOptions } from './types';

/**
 * The builder of a (valid) model's event rules for an activity table with these headers; undefined when the
 * model counts no events. A missing column goes into `problems`, naming it (then the builder reads nothing).
 */
export function activityBuilderFor(
  model: Model,
  activityHeaders: readonly unknown[],
  context: CompileContext,
  problems: Problem[],
): ActivityIndexBuilder | undefined {
  const enabledEventRules = model.rules.filter((rule) => rule.enabled !== false && rule.event !== undefined);
  if (enabledEventRules.length === 0 || model.activities === undefined) return undefined;
  const groups = new Map(model.groups.map((group) => [group.name, group]));
  const activityHeaderIndex = indexHeaders(activityHeaders);
  return new ActivityIndexBuilder(
    model.activities,
    enabledEventRules.map((rule) => ({ rule, decay: groups.get(rule.group)!.decay })),
    context.reading,
    (column, field, rule) => {
      const found = findColumn(activityHeaderIndex, column);
      if (found === undefined) {
        // A `where` condition's column is the rule's problem; the log's own columns are the setting's.
        const subject = rule === undefined ? 'activities' : `rule "${rule}"`;
        problems.push({
          subject,
          field,
          message: `${subject}: column "${column}" is not in the activity table (${listHeaders(activityHeaders, 'the activity table')})`,
        });
      }
      return found;
    },
    problems,
    model.settings?.asOfColumn !== undefined,
  );
}

/**
 * Indexes an activity table in memory (the add-on's range): its rows added to the builder in order. Undefined
 * when the model counts no events or a column is missing (a Problem in `problems` names it).
 */
export function indexActivityTable(
  model: Model,
  table: ActivityTable,
  context: CompileContext,
  problems: Problem[],
): ActivityIndex | undefined {
  const builder = activityBuilderFor(model, table.headers, context, problems);
  if (!builder?.usable) return undefined;
  const rows = Array.isArray(table.rows) ? table.rows : [];
  for (let index = 0; index < rows.length; index++) builder.add(rows[index]!);
  return builder.finish();
}

/**
 * An activity log read a row at a time: made by startActivityLog, given every event row with add(), then
 * passed to compileModel as `options.activities`, which takes its index (and its problems) from it.
 */
export class ActivityLog implements StreamedActivities {
  private index: ActivityIndex | undefined;
  private finished = false;

  constructor(
    /** The context it was started in: compileModel reads leads with the same one (the same clock). */
    readonly context: CompileContext | undefined,
    private readonly builder: ActivityIndexBuilder | undefined,
    /** Columns of the activity table that are missing (each names the column). */
    readonly problems: readonly Problem[],
  ) {}

  /**
   * The activity-table columns add() reads: a row may leave its other cells out. Empty when there is
   * nothing to read (a model without event rules, or a column missing).
   */
  get columns(): readonly number[] {
    return this.builder?.usable ? this.builder.columns : [];
  }

  /** One event row, in the log's order, its cells aligned with the headers given to startActivityLog. */
  add(row: readonly unknown[]): void {
    if (this.finished) throw new Error('ActivityLog.add() after it was compiled');
    this.builder?.add(row);
  }

  /** The index (for compileModel): once made, the log takes no more rows. */
  finish(): ActivityIndex | undefined {
    if (!this.finished) {
      this.finished = true;
      this.index = this.builder?.finish();
    }
    return this.index;
  }
}

/**
 * Starts an activity log for `model`, compiled later with the same `options` (as of the same day, in the same
 * time zone): the caller adds each event row as it reads it, then gives the log to compileModel.
 */
export function startActivityLog(
  input: Model,
  activityHeaders: readonly unknown[],
  options: ScoringOptions = {},
): ActivityLog {
  const parsed = parseModel(input);
  if (!parsed.ok) return new ActivityLog(undefined, undefined, []); // compileModel reports the model's problems
  const started = compileContext(parsed.model, options);
  if (!started.ok) return new ActivityLog(undefined, undefined, []);
  const problems: Problem[] = [];
  const builder = activityBuilderFor(parsed.model, activityHeaders, started.context, problems);
  return new ActivityLog(started.context, builder, problems);
}
