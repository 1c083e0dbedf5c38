// A whole CSV of leads held by column (core/suggest/leadTable.ts), read as a stream: for a command that needs
// every lead at once (suggest) but not the file's text nor a string per cell. The same reader and checks as
// the streamed leads (csvInput.ts); cells as numbers are read; unnamed columns left out, as readCsvFile does.
import { ColumnarLeads } from '../core/suggest/leadTable';
import { type CsvOptions, openCsv } from './csvInput';
import { namedColumns } from './csvTable';

export interface CsvColumns {
  headers: string[];
  leads: ColumnarLeads;
}

export async function readCsvColumns(path: string, options: CsvOptions = {}): Promise<CsvColumns> {
  const csv = await openCsv(path, {
    delimiter: options.delimiter,
    encoding: options.encoding,
    onNote: options.onNote,
  });
  const keep = namedColumns(path, csv.headers, options.onNote);
  const leads = new ColumnarLeads(keep.length);
  const cut = keep.length === csv.headers.length ? undefined : new Array<string>(keep.length);
  for await (const { cells } of csv.records) {
    const read = csv.numbers(cells);
    if (cut === undefined) leads.add(read);
    else {
      for (let k = 0; k < keep.length; k++) cut[k] = read[keep[k]!] ?? '';
      leads.add(cut);
    }
  }
  return { headers: keep.map((index) => csv.headers[index]!), leads };
}
