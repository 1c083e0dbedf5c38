// Loading text tables into in-process PGlite and DuckDB, and reading a query's rows back as plain objects.
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';

export type Row = Record<string, unknown>;

export interface SqlEngine {
  load(table: string, headers: readonly string[], rows: readonly (readonly string[])[]): Promise<void>;
  query(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function pglite(): Promise<SqlEngine> {
  const db = await PGlite.create();
  return {
    async load(table, headers, rows) {
      await db.exec(`CREATE TABLE ${quote(table)} (${headers.map((h) => `${quote(h)} text`).join(', ')})`);
      // Rows as one JSON parameter per chunk: no value is ever spliced into the SQL.
      for (let start = 0; start < rows.length; start += 2000) {
        const chunk = rows.slice(start, start + 2000);
        await db.query(
          `INSERT INTO ${quote(table)} SELECT ${headers.map((_, i) => `r->>${i}`).join(', ')} FROM jsonb_array_elements($1::jsonb) AS r`,
          [JSON.stringify(chunk)],
        );
      }
    },
    async query(sql) {
      return (await db.query<Row>(sql)).rows;
    },
    close: () => db.close(),
  };
}

export async function duckdb(): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    async load(table, headers, rows) {
      await connection.run(
        `CREATE TABLE ${quote(table)} (${headers.map((h) => `${quote(h)} VARCHAR`).join(', ')})`,
      );
      const appender = await connection.createAppender(table);
      for (const row of rows) {
        for (const cell of row) appender.appendVarchar(cell);
        appender.endRow();
      }
      appender.closeSync();
    },
    async query(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjects() as Row[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
