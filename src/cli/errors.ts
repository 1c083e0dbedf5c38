// The two kinds of failure the CLI reports without a stack trace (docs/cli.md: exit codes).

/** A problem the user must fix; the CLI prints it and exits 1. */
export class UsageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** The output could not be written (disk full, no permission): exit 2, as docs/cli.md says. */
export class OutputError extends Error {}
