// The `leadscore` command: a thin Node adapter over the same core the add-on runs.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../../package.json';
import { calibrateFile, calibrationText } from './commands/calibrate';
import { registerDescribe } from './commands/describe';
import { writeExample } from './commands/example';
import { exportHandover, exportModel, exportSql } from './commands/export';
import { registerMonitor } from './commands/monitor';
import { scoreCommand } from './commands/score';
import { delimiterOption, encodingOption, registerSuggest } from './commands/suggest';
import { checkDelimiter, checkEncoding } from './csvInput';
import { OutputError, UsageError } from './errors';
import { checkAsOf } from './io';

interface CsvFlags {
  delimiter?: string;
  encoding?: string;
}

const activitiesOption = () =>
  new Option(
    '--activities <file>',
    'the activity log (CSV, one event per row), for rules that count events (model v2)',
  );

function csvFlags(options: CsvFlags) {
  return { delimiter: checkDelimiter(options.delimiter), encoding: checkEncoding(options.encoding) };
}

export function buildProgram(write: (text: string) => void, note: (text: string) => void): Command {
  const program = new Command('leadscore')
    .description('Score and calibrate leads with a Lead Scoring for Sheets model (JSON), outside Sheets.')
    .version(packageJson.version)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('score')
    .description(
      'Adds Score, Band, Grade (and Cell, with engagement levels) and Reasons columns to a CSV of leads (streamed: any number of rows).',
    )
    .requiredOption('--model <file>', 'the model, as JSON (the model contract)')
    .requiredOption('--input <file>', 'the leads, as CSV with a header row')
    .option('--output <file>', 'where to write the scored CSV (default: standard output)')
    .option('--as-of <date>', "the day ages are counted to (YYYY-MM-DD); overrides the model's asOf")
    .option(
      '--no-sanitize',
      'write text cells as they are (no apostrophe before =, +, -, @): for pipelines, not spreadsheets',
    )
    .option('--bom', 'start the scored CSV with a UTF-8 byte-order mark, so that Excel reads − and é right')
    .option(
      '--changed-since <file>',
      'a previous scored CSV: print the leads that entered or left the sales-ready bands since',
    )
    .option(
      '--key <column>',
      'the column that identifies a lead for --changed-since (default: Email, Id, Lead… or the first)',
    )
    .addOption(activitiesOption())
    .addOption(delimiterOption())
    .addOption(encodingOption())
    .action(
      async (
        options: {
          model: string;
          input: string;
          output?: string;
          asOf?: string;
          sanitize: boolean;
          bom?: boolean;
          changedSince?: string;
          key?: string;
          activities?: string;
        } & CsvFlags,
      ) => {
        await scoreCommand({
          ...options,
          ...csvFlags(options),
          asOf: checkAsOf(options.asOf),
          stdout: process.stdout,
          note,
          progress: process.stderr.isTTY === true,
          ...workerThreads('score-worker.mjs'),
        });
      },
    );

  program
    .command('calibrate')
    .description('Compares the bands with real outcomes: conversion per band, AUC, weak rules, verdicts.')
    .requiredOption('--model <file>', 'the model, as JSON, with its outcome column')
    .requiredOption('--input <file>', 'the leads, as CSV with a header row and the outcome column')
    .option('--as-of <date>', "the day ages are counted to (YYYY-MM-DD); overrides the model's asOf")
    .option('--json', 'print the report as JSON')
    .addOption(activitiesOption())
    .addOption(delimiterOption())
    .addOption(encodingOption())
    .action(
      async (
        options: {
          model: string;
          input: string;
          asOf?: string;
          json?: boolean;
          activities?: string;
        } & CsvFlags,
      ) => {
        const asOf = checkAsOf(options.asOf);
        const json = options.json ?? false;
        const { model, calibration } = await calibrateFile(options.model, options.input, {
          ...csvFlags(options),
          asOf,
          activities: options.activities,
          onNote: note,
          keepReviewSample: json,
          ...workerThreads('calibrate-worker.mjs'),
        });
        write(calibrationText(model, calibration, { inputName: options.input, json }));
      },
    );

  const exporter = program
    .command('export')
    .description('The model for the warehouse (SQL), the CRM (hand-over page) or another copy (JSON).');
  exporter
    .command('sql')
    .description('Prints one SELECT that gives every row of a table the score, band, grade and reasons.')
    .requiredOption('--model <file>', 'the model, as JSON')
    .option('--dialect <name>', 'postgres, duckdb or bigquery', 'postgres')
    .option('--table <name>', 'the leads table (schema.table allowed)', 'leads')
    .option('--activities-table <name>', 'the activity table, for event rules (model v2)', 'activities')
    .option(
      '--as-of <date>',
      "the day ages are counted to; default: the model's asOf, else the database's current date",
    )
    .option('--input <file>', 'a CSV with the table’s header row: match column names as the engine does')
    .option(
      '--monitor <date-column>',
      "instead: the Monitor's leads, known outcomes and conversions per period and band (and per fit × engagement cell)",
    )
    .option('--every <period>', 'with --monitor: week, month or quarter (default month)')
    .addOption(delimiterOption())
    .addOption(encodingOption())
    .action(
      async (
        options: {
          model: string;
          dialect: string;
          table: string;
          activitiesTable: string;
          asOf?: string;
          input?: string;
          monitor?: string;
          every?: string;
        } & CsvFlags,
      ) => {
        write(await exportSql({ ...options, ...csvFlags(options), asOf: checkAsOf(options.asOf) }));
      },
    );
  exporter
    .command('handover')
    .description('Prints the CRM hand-over page: every rule in plain words, bands, cut-off, calibration.')
    .requiredOption('--model <file>', 'the model, as JSON')
    .option('--format <format>', 'markdown or html', 'markdown')
    .option('--input <file>', 'leads with outcomes (CSV), for the calibration summary')
    .addOption(activitiesOption())
    .option('--as-of <date>', "the day ages are counted to (YYYY-MM-DD); overrides the model's asOf")
    .addOption(delimiterOption())
    .addOption(encodingOption())
    .action(
      async (
        options: {
          model: string;
          format: string;
          input?: string;
          activities?: string;
          asOf?: string;
        } & CsvFlags,
      ) => {
        write(
          await exportHandover({
            ...options,
            ...csvFlags(options),
            asOf: checkAsOf(options.asOf),
            ...workerThreads('calibrate-worker.mjs'),
          }),
        );
      },
    );
  exporter
    .command('model')
    .description('Checks a model JSON (every problem listed) and prints it normalised, ready to import.')
    .requiredOption('--model <file>', 'the model, as JSON')
    .action((options: { model: string }) => {
      write(exportModel(options));
    });

  program
    .command('example')
    .description(
      'Writes the starter model (JSON) and 200 generated sample leads (CSV) to try the other commands on.',
    )
    .option('--dir <folder>', 'where to write starter-model.json and sample-leads.csv', '.')
    .action((options: { dir: string }) => {
      write(writeExample(options.dir));
    });
  registerSuggest(program, write, note);
  registerDescribe(program, write, note);
  registerMonitor(program, write, note);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `leadscore … | head`: the reader went away; stop quietly instead of printing a stack.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const program = buildProgram(
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(`${text}\n`),
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UsageError) {
      for (const problem of error.problems) process.stderr.write(`${problem}\n`);
      return 1;
    }
    if (error instanceof OutputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
}

/**
 * Both cores (or LEADSCORE_THREADS, 1 for the main thread only) for `score` and `calibrate`, the workers
 * running `script` (score-worker.mjs, calibrate-worker.mjs); LEADSCORE_THREADS also uses them on a small file
 * and LEADSCORE_PIECE_BYTES sizes their pieces (for tests of the parallel path).
 */
function workerThreads(script: string) {
  const given = Number(process.env.LEADSCORE_THREADS);
  const threads = Number.isInteger(given) && given >= 1 ? given : Math.min(2, availableParallelism());
  const pieceBytes = Number(process.env.LEADSCORE_PIECE_BYTES);
  const workerScript = fileURLToPath(new URL(`./${script}`, import.meta.url));
  return {
    threads,
    forceThreads: Number.isInteger(given) && given > 1,
    // Built beside this file; without it (run from source) the main thread works alone.
    ...(existsSync(workerScript) ? { workerScript } : {}),
    ...(Number.isInteger(pieceBytes) && pieceBytes > 0 ? { pieceBytes } : {}),
  };
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
