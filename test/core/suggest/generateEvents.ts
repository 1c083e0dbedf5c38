// Generated leads with an activity log whose outcomes follow a known model with event rules: converted with
// probability sigmoid(logit), the logit built from a column and from counts of events before the as-of day.
// Seeded, so every run sees the same leads and events.
import { mulberry32 } from '../../../src/core/calibration';
import { formatIsoDay, parseIsoDay } from '../../../src/core/cells';

export const EVENTS_AS_OF = '2026-06-30';

export interface GeneratedLog {
  headers: string[];
  rows: string[][];
  activities: { headers: string[]; rows: string[][] };
  /** The generating model's logit per lead (what a perfect model would rank by). */
  logits: number[];
}

export interface EventOptions {
  /** Add "Invoice sent" events, before the as-of day, for nearly only converted leads (a leak). */
  invoiceLeak?: boolean;
}

/**
 * The generating model: −1.6
 *   + 1.6 when the pricing page (Page view with Page "/pricing") was visited 2+ times in the last 14 days,
 *   + 0.9 when a webinar was attended in the last 60 days,
 *   − 0.8 when no email was opened in the last 30 days,
 *   + 0.5 for Size "Large".
 * Page views of /blog and /features, and older events, carry nothing.
 */
export function generateEventLeads(count: number, seed = 11, options: EventOptions = {}): GeneratedLog {
  const random = mulberry32(seed);
  const asOf = parseIsoDay(EVENTS_AS_OF)!;
  const headers = ['Lead', 'Size', 'Region', 'Converted'];
  const rows: string[][] = [];
  const events: string[][] = [];
  const logits: number[] = [];
  const event = (lead: string, type: string, daysAgo: number, page = '') =>
    events.push([lead, type, formatIsoDay(asOf - daysAgo), page]);
  const poisson = (mean: number) => {
    let n = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = random();
    while (u > s && n < 50) {
      n++;
      p *= mean / n;
      s += p;
    }
    return n;
  };
  for (let i = 0; i < count; i++) {
    const lead = `lead${i}@example.com`;
    const intent = random();
    const size = random() < 0.3 ? 'Large' : 'Small';
    const region = ['North', 'South', 'East', 'West'][Math.floor(random() * 4)]!;
    // Pricing visits in the last 14 days, and older ones (which the model ignores).
    const pricingRecent = poisson(2.2 * intent);
    for (let k = 0; k < pricingRecent; k++) event(lead, 'Page view', Math.floor(random() * 15), '/pricing');
    for (let k = 0, n = poisson(1); k < n; k++)
      event(lead, 'Page view', 15 + Math.floor(random() * 150), '/pricing');
    for (let k = 0, n = poisson(3); k < n; k++)
      event(lead, 'Page view', Math.floor(random() * 90), random() < 0.5 ? '/blog' : '/features');
    const webinar = random() < 0.15 + 0.3 * intent;
    if (webinar) event(lead, 'Webinar attended', Math.floor(random() * 61));
    else if (random() < 0.2) event(lead, 'Webinar attended', 61 + Math.floor(random() * 200));
    const opensRecent = poisson(0.4 + 2 * intent);
    for (let k = 0; k < opensRecent; k++) event(lead, 'Email opened', Math.floor(random() * 31));
    for (let k = 0, n = poisson(1.5); k < n; k++)
      event(lead, 'Email opened', 31 + Math.floor(random() * 100));
    const logit =
      -1.6 +
      1.6 * Number(pricingRecent >= 2) +
      0.9 * Number(webinar) -
      0.8 * Number(opensRecent === 0) +
      0.5 * Number(size === 'Large');
    const converted = random() < 1 / (1 + Math.exp(-logit));
    if (options.invoiceLeak && (converted ? random() < 0.97 : random() < 0.01))
      event(lead, 'Invoice sent', Math.floor(random() * 5));
    logits.push(logit);
    rows.push([lead, size, region, converted ? 'Yes' : 'No']);
  }
  // The log in no particular order, as an export would give it.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return {
    headers,
    rows,
    activities: { headers: ['Lead', 'Activity', 'Date', 'Page'], rows: events },
    logits,
  };
}
