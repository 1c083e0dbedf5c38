// The suggest command's progress line: redrawn in place at most twice a second, cleared at the end, and
// silent when standard error is not a terminal.
import { describe, expect, it } from 'vitest';
import { StepProgress } from '../../src/cli/progress';

describe('StepProgress', () => {
  it('redraws one line at most twice a second and clears it when done', () => {
    const written: string[] = [];
    let now = 0;
    const progress = new StepProgress(
      'Suggesting from leads.csv',
      true,
      { write: (t: string) => written.push(t) > 0 },
      () => now,
    );
    progress.update('Building candidates: column 1 of 1,000');
    now = 100;
    progress.update('Building candidates: column 2 of 1,000'); // too soon: not drawn
    now = 600;
    progress.update('Checking for leaks: column 1 of 1,000');
    progress.done();
    expect(written).toEqual([
      '\r\x1b[KSuggesting from leads.csv: Building candidates: column 1 of 1,000',
      '\r\x1b[KSuggesting from leads.csv: Checking for leaks: column 1 of 1,000',
      '\r\x1b[K',
    ]);
  });

  it('writes nothing when disabled', () => {
    const written: string[] = [];
    const progress = new StepProgress('Suggesting', false, { write: (t: string) => written.push(t) > 0 });
    progress.update('Building candidates: column 1 of 2');
    progress.done();
    expect(written).toEqual([]);
  });
});
