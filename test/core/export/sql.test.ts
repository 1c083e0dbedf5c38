// The SQL text itself: BigQuery's syntax (checked by a real parser, since no BigQuery runs here), one
// statement whatever the model holds, and problems named before any SQL is written.
import { parse } from 'sql-parser-cst';
import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES, modelToSql } from '../../../src/core/export/sql';
import type { Model } from '../../../src/core/model';
import { starterModel } from '../../../src/core/starterModel';
import { messyModel } from './sqlFixtures';

const hostile: Model = {
  name: 'Hostile',
  groups: [{ name: 'G', kind: 'fit' }],
  rules: [
    {
      name: `x'); DROP TABLE leads; --`,
      group: 'G',
      column: 'a`b"c\\d\'; --',
      operator: 'one of',
      value: [`'; DROP TABLE leads; --`, 'back\\slash\\', 'new\nline', '`tick`'],
      points: 5,
    },
  ],
  bands: [{ name: `Cold'); --`, min: null }],
};

function sql(model: Model, options: Parameters<typeof modelToSql>[1]) {
  const result = modelToSql(model, options);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.sql;
}

const statements = (text: string, dialect: 'bigquery' | 'postgresql') =>
  parse(text, { dialect }).statements.filter((statement) => statement.type !== 'empty');

describe('modelToSql', () => {
  it.each([
    ['the starter model', starterModel()],
    ['a model with every operator', messyModel()],
    ['a hostile model', hostile],
  ])('writes %s as one BigQuery SELECT that parses', (_name, model) => {
    const text = sql(model, { dialect: 'bigquery', table: 'my-project.crm.leads' });
    const parsed = statements(text, 'bigquery');
    expect(parsed).toHaveLength(1);
    expect(parsed[0]?.type).toBe('select_stmt');
  });

  it('keeps hostile names and values inside quotes in every dialect', () => {
    for (const dialect of DIALECT_NAMES) {
      const text = sql(hostile, { dialect, table: `leads"; DROP TABLE x; --` });
      // The only statement separator is the final one: nothing from the model ended the SELECT.
      if (dialect === 'bigquery') expect(statements(text, 'bigquery')).toHaveLength(1);
      else if (dialect === 'postgres') expect(statements(text, 'postgresql')).toHaveLength(1);
      // DuckDB's own syntax (EXCLUDE, lambdas) has no parser here: count the semicolons outside quotes
      // (DuckDB quotes only by doubling); the engines test runs it on DuckDB.
      else expect(semicolonsOutsideQuotes(text)).toBe(1);
      expect(text.trimEnd().endsWith(';')).toBe(true);
    }
  });

  it('names every rule whose column the table lacks, with the columns it has', () => {
    const result = modelToSql(starterModel(), { headers: ['Lead', 'company size', 'Position'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map((p) => p.message);
    expect(messages).toContain(
      'rule "Budget $10,000+": column "Budget" is not in the table (columns: Lead, company size, Position)',
    );
    expect(messages.some((m) => m.startsWith('group "Web activity"'))).toBe(true);
  });

  it('uses the table’s own spelling of a column found case-insensitively', () => {
    const model: Model = { ...hostile, rules: [{ ...hostile.rules[0]!, column: 'Company size' }] };
    const text = sql(model, { dialect: 'duckdb', headers: ['Lead', 'COMPANY SIZE ', 'company size'] });
    expect(text).toContain('t."COMPANY SIZE "');
  });

  it('refuses an invalid model with every problem listed', () => {
    const result = modelToSql({ name: '', groups: [], rules: [{}], bands: [] } as unknown as Model);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.length).toBeGreaterThan(1);
  });

  it('refuses a value the database cannot hold instead of truncating it', () => {
    const model: Model = { ...hostile, rules: [{ ...hostile.rules[0]!, value: ['a\u0000b'] }] };
    const result = modelToSql(model, { dialect: 'postgres' });
    expect(result.ok).toBe(false);
  });

  it('counts ages to the database’s current date when the model has no asOf', () => {
    expect(sql(starterModel(), { dialect: 'postgres' })).toContain('CURRENT_DATE');
    expect(sql(starterModel(), { dialect: 'postgres', asOf: '2026-06-30' })).not.toContain('CURRENT_DATE');
  });
});

function semicolonsOutsideQuotes(text: string): number {
  let quote = '';
  let count = 0;
  for (const char of text) {
    if (quote === '') {
      if (char === "'" || char === '"') quote = char;
      else if (char === ';') count++;
    } else if (char === quote) quote = '';
  }
  return count;
}
