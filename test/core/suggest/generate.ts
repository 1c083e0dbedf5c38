// Generated leads whose true effects are known: converted with probability sigmoid(logit), where the logit
// is built from the columns below. Seeded, so every run sees the same leads.
import { mulberry32 } from '../../../src/core/calibration';

export interface GeneratedLeads {
  headers: string[];
  rows: string[][];
}

export const TRUE_EFFECTS = { Demo: 2, Webinar: 1, Student: -1.2, Newsletter: 0 } as const;

export function generateLeads(
  count: number,
  seed = 7,
  extra: { leak?: boolean; open?: number } = {},
): GeneratedLeads {
  const random = mulberry32(seed);
  const headers = [
    'Lead ID',
    'Created',
    'Demo',
    'Webinar',
    'Student',
    'Newsletter',
    'Source',
    'Visits',
    'Score',
    'Status',
    'Converted',
  ];
  const rows: string[][] = [];
  const sources = ['Ads', 'Referral', 'Organic', 'Event'];
  const sourceEffect: Record<string, number> = { Ads: 0, Referral: 0.8, Organic: 0.2, Event: 0.4 };
  for (let i = 0; i < count; i++) {
    const yes = (p: number) => random() < p;
    const demo = yes(0.3);
    const webinar = yes(0.4);
    const student = yes(0.25);
    const newsletter = yes(0.5);
    const source = sources[Math.floor(random() * sources.length)]!;
    const visits = Math.floor(random() * 20);
    const logit =
      -1.2 +
      TRUE_EFFECTS.Demo * Number(demo) +
      TRUE_EFFECTS.Webinar * Number(webinar) +
      TRUE_EFFECTS.Student * Number(student) +
      sourceEffect[source]! +
      0.05 * visits;
    const converted = random() < 1 / (1 + Math.exp(-logit));
    const isOpen = i < (extra.open ?? 0);
    // A form default "Select" for a quarter of the sources: not answered.
    const sourceCell = random() < 0.25 ? 'Select' : source;
    // Filled in by sales after the outcome: "Won" for nearly every converted lead, "Lost" otherwise; blank
    // while the lead is open.
    const status = isOpen ? '' : extra.leak ? (converted === random() < 0.97 ? 'Won' : 'Lost') : '';
    rows.push([
      `L-${100000 + i}`,
      `2026-${String(1 + Math.floor((i / count) * 12)).padStart(2, '0')}-15`,
      demo ? 'Yes' : 'No',
      webinar ? 'Yes' : 'No',
      student ? 'Yes' : 'No',
      newsletter ? 'Yes' : 'No',
      sourceCell,
      String(visits),
      String(Math.floor(random() * 100)),
      status,
      isOpen ? '' : converted ? 'yes' : 'no',
    ]);
  }
  return { headers, rows };
}
