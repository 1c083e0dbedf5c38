// A generated CRM export in the shape of public course-lead exports: 34 columns, none of them the starter
// model's (no "Company size", "Position"…), an outcome "Converted" of 0 and 1, placeholder "Select" cells,
// multi-value cells, and two columns filled after contact (Tags, Lead Profile) that leak the outcome.
// Deterministic (seeded), so tests never need ../shared/data.

const SOURCES = ['Google', 'Direct Traffic', 'Olark Chat', 'Organic Search', 'Reference', 'Welingak Website'];
const ORIGINS = ['Landing Page Submission', 'API', 'Lead Add Form', 'Lead Import'];
const ACTIVITIES = [
  'Email Opened',
  'SMS Sent',
  'Page Visited on Website',
  'Olark Chat Conversation',
  'Email Bounced',
];
const OCCUPATIONS = ['Unemployed', 'Working Professional', 'Student', 'Select', 'Businessman'];
const SPECIALIZATIONS = [
  'Finance Management',
  'Marketing Management',
  'Select',
  'IT Projects Management',
  'Operations',
];
const CITIES = ['Mumbai', 'Thane & Outskirts', 'Other Cities', 'Select', 'Other Metro Cities'];
const INTERESTS = ['Pricing page', 'Price list', 'Brochure', 'Webinar', 'Case study'];

export const WIDE_EXPORT_NAME = 'course-leads-export';

/** Header row and rows (strings, as a CSV holds them). */
export function wideExportGrid(leads = 1500, seed = 17): string[][] {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: small and deterministic.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const yesNo = (p: number) => (random() < p ? 'Yes' : 'No');
  const headers = [
    'Prospect ID',
    'Lead Number',
    'Lead Origin',
    'Lead Source',
    'Do Not Email',
    'Do Not Call',
    'Converted',
    'TotalVisits',
    'Total Time Spent on Website',
    'Page Views Per Visit',
    'Last Activity',
    'Country',
    'Specialization',
    'How did you hear about us',
    'What is your current occupation',
    'What matters most to you',
    'Search',
    'Magazine',
    'Newspaper Article',
    'Forums',
    'Newspaper',
    'Digital Advertisement',
    'Through Recommendations',
    'Receive More Updates',
    'Tags',
    'Lead Quality',
    'Interests',
    'Get updates on DM Content',
    'Lead Profile',
    'City',
    'Activity Index',
    'Profile Index',
    'Free copy of interview guide',
    'Last Notable Activity',
  ];
  const rows: string[][] = [];
  for (let i = 0; i < leads; i++) {
    const intent = random();
    const occupation = pick(OCCUPATIONS);
    const source = pick(SOURCES);
    const time = Math.round(intent * 1800 * random() + (random() < 0.3 ? 0 : 60));
    const visits = Math.round(intent * 8 + random() * 4);
    const working = occupation === 'Working Professional';
    const likelihood =
      0.08 +
      0.5 * intent * (time > 600 ? 1.3 : 0.6) +
      (working ? 0.3 : 0) +
      (source === 'Reference' ? 0.25 : 0);
    const converted = random() < Math.min(0.95, likelihood);
    const interests = Array.from(new Set([pick(INTERESTS), pick(INTERESTS)])).join('; ');
    rows.push([
      `p-${(i * 7919).toString(16).padStart(6, '0')}`,
      String(660000 + i),
      pick(ORIGINS),
      source,
      yesNo(0.08),
      yesNo(0.01),
      converted ? '1' : '0',
      String(visits),
      String(time),
      (visits === 0 ? 0 : Math.round((1 + random() * 4) * 100) / 100).toString(),
      pick(ACTIVITIES),
      random() < 0.7 ? 'India' : '',
      pick(SPECIALIZATIONS),
      'Select',
      occupation,
      'Better Career Prospects',
      yesNo(0.01),
      'No',
      'No',
      'No',
      'No',
      'No',
      'No',
      'No',
      // Filled by sales after the first call: they leak the outcome.
      converted
        ? pick(['Will revert after reading the email', 'Closed by Horizzon'])
        : pick(['Ringing', 'Interested in other courses', '']),
      pick(['High in Relevance', 'Might be', 'Not Sure', 'Low in Relevance', '']),
      interests,
      'No',
      converted && random() < 0.6 ? 'Potential Lead' : pick(['Select', 'Other Leads', '']),
      pick(CITIES),
      pick(['01.High', '02.Medium', '03.Low']),
      pick(['01.High', '02.Medium', '03.Low']),
      yesNo(0.3),
      pick(ACTIVITIES),
    ]);
  }
  return [headers, ...rows];
}

/** The same export as CSV text (quoted where needed, CRLF as exports usually end lines). */
export function wideExportCsv(leads = 1500, seed = 17): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return `${wideExportGrid(leads, seed)
    .map((row) => row.map(quote).join(','))
    .join('\r\n')}\r\n`;
}
