// A magnitude's text made by the SQL equals JavaScript's String(x) on PGlite and DuckDB: the shortest digits
// that read back as the same double, including the midpoints Postgres's own text avoids (2.7e22).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type DialectName } from '../../../src/core/export/sqlDialects';
import { magnitudeTextSql } from '../../../src/core/export/sqlNumbers';
import { duckdb, pglite, type SqlEngine } from './sqlEngines';

/** Short decimals from 1e15 up: where a midpoint between two doubles can have few digits. */
function shortDecimals(): string[] {
  const texts: string[] = [];
  for (let exponent = 15; exponent <= 30; exponent++) {
    for (let digits = 1; digits <= 99; digits++) texts.push(`${digits}e${exponent}`);
  }
  return texts;
}

const FIXED = [
  '2.7e22',
  '1e23',
  '24118397815909832',
  '9007199254740992',
  '9007199254740993',
  '18014398509481984',
  '1e21',
  '1.7976931348623157e308',
  '1e308',
  '123456789012345680000',
  '0.1',
  '1e-7',
  '5e-324',
  '123.456',
  '1e15',
];

const RANDOM = fc.sample(fc.double({ min: 1e15, max: Number.MAX_VALUE, noNaN: true }), {
  numRuns: 1000,
  seed: 4242,
});

const ENGINES: Record<Exclude<DialectName, 'bigquery'>, () => Promise<SqlEngine>> = {
  postgres: pglite,
  duckdb,
};

for (const [dialect, open] of Object.entries(ENGINES) as [
  Exclude<DialectName, 'bigquery'>,
  () => Promise<SqlEngine>,
][]) {
  describe(`a magnitude's text on ${dialect}`, () => {
    let engine: SqlEngine;
    beforeAll(async () => {
      engine = await open();
    });
    afterAll(() => engine.close());

    async function texts(values: readonly string[]): Promise<{ value: string; want: string; got: string }[]> {
      await engine.load(
        'nums',
        ['i', 'v'],
        values.map((v, i) => [String(i), v]),
      );
      const d = DIALECTS[dialect];
      const x = d.ident('x');
      const rows = await engine.query(
        `SELECT CAST(i AS INTEGER) AS i, ${magnitudeTextSql(d, x)} AS t FROM (SELECT i, CAST(v AS ${d.doubleType}) AS x FROM nums) AS s ORDER BY 1`,
      );
      await engine.query('DROP TABLE nums');
      return rows.map((row, i) => ({
        value: values[i] ?? '',
        want: String(Math.abs(Number(values[i]))),
        got: String(row.t),
      }));
    }

    it('prints the shortest digits JavaScript prints, midpoints included (2.7e22, not 2.7000000000000002e+22)', async () => {
      const all = [...FIXED, ...shortDecimals(), ...RANDOM.map(String)];
      const differing = (await texts(all)).filter((r) => r.want !== r.got);
      expect(differing.slice(0, 5)).toEqual([]);
    });
  });
}
