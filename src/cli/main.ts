// The `leadscore` command: a thin Node adapter over the same core the add-on runs.
import { writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json';
import { calibrateTable } from './commands/calibrate';
import { registerDescribe } from './commands/describe';
import { writeExample } from './commands/example';
import { scoreTable } from './commands/score';
import { registerSuggest } from './commands/suggest';
import { checkAsOf, readCsvFile, readModelFile, UsageError } from './io';

export function buildProgram(write: (text: string) => void): Command {
  const program = new Command('leadscore')
    .description('Score and calibrate leads with a Lead Scoring for Sheets model (JSON), outside Sheets.')
    .version(packageJson.version)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('score')
    .description('Adds Score, Band, Grade and Reasons columns to a CSV of leads.')
    .requiredOption('--model <file>', 'the model, as JSON (the model contract)')
    .requiredOption('--input <file>', 'the leads, as CSV with a header row')
    .option('--output <file>', 'where to write the scored CSV (default: standard output)')
    .option('--as-of <date>', "the day ages are counted to (YYYY-MM-DD); overrides the model's asOf")
    .action((options: { model: string; input: string; output?: string; asOf?: string }) => {
      const csv = scoreTable(readModelFile(options.model), readCsvFile(options.input), {
        asOf: checkAsOf(options.asOf),
        inputName: options.input,
      });
      if (options.output) writeOutput(options.output, csv);
      else write(csv);
    });

  program
    .command('calibrate')
    .description('Compares the bands with real outcomes: conversion per band, AUC, weak rules, verdicts.')
    .requiredOption('--model <file>', 'the model, as JSON, with its outcome column')
    .requiredOption('--input <file>', 'the leads, as CSV with a header row and the outcome column')
    .option('--as-of <date>', "the day ages are counted to (YYYY-MM-DD); overrides the model's asOf")
    .option('--json', 'print the report as JSON')
    .action((options: { model: string; input: string; asOf?: string; json?: boolean }) => {
      write(
        calibrateTable(readModelFile(options.model), readCsvFile(options.input), {
          asOf: checkAsOf(options.asOf),
          inputName: options.input,
          json: options.json ?? false,
        }),
      );
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
  registerSuggest(program, write);
  registerDescribe(program, write);
  return program;
}

function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError([`${path}: cannot write the output (${(error as Error).message})`]);
  }
}

export function main(argv: string[]): number {
  const program = buildProgram((text) => process.stdout.write(text));
  try {
    program.parse(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UsageError) {
      for (const problem of error.problems) process.stderr.write(`${problem}\n`);
      return 1;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
