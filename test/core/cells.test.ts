import { describe, expect, it } from 'vitest';
import {
  cellDay,
  cellNumber,
  cellText,
  cellTruth,
  dayOfDateIn,
  daysFromCivil,
  formatIsoDay,
  isBlank,
  parseIsoDay,
  parseNumberText,
  utcDayOfDate,
} from '../../src/core/cells';

const day = (iso: string) => parseIsoDay(iso)!;

describe('isBlank', () => {
  it('treats empty, null, undefined and whitespace as blank', () => {
    for (const cell of ['', '   ', '\t\n', null, undefined]) expect(isBlank(cell)).toBe(true);
  });
  it('treats values, zero, false and objects as not blank', () => {
    for (const cell of ['x', ' a ', 0, false, Number.NaN, new Date(0), {}, []])
      expect(isBlank(cell)).toBe(false);
  });
});

describe('cellText', () => {
  it('trims and lower-cases text', () => {
    expect(cellText('  Software ')).toBe('software');
  });
  it('reads booleans as true/false and numbers as JS prints them', () => {
    expect(cellText(true)).toBe('true');
    expect(cellText(false)).toBe('false');
    expect(cellText(5.0)).toBe('5');
    expect(cellText(7.5)).toBe('7.5');
    expect(cellText(-0)).toBe('0');
  });
  it('reads a Date as its calendar day in the given time zone', () => {
    const lateEvening = new Date('2026-03-01T23:30:00Z');
    expect(cellText(lateEvening)).toBe('2026-03-01');
    expect(cellText(lateEvening, dayOfDateIn('Europe/Paris'))).toBe('2026-03-02');
  });
  it('reads blanks, objects and invalid dates as empty text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText({ toString: () => 'boom' })).toBe('');
    expect(cellText([1, 2])).toBe('');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
  it('does not throw on objects whose toString throws', () => {
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(() => cellText(hostile)).not.toThrow();
    expect(() => cellText(Object.create(null))).not.toThrow();
  });
});

describe('cellNumber', () => {
  it('keeps finite JS numbers as they are', () => {
    expect(cellNumber(42)).toBe(42);
    expect(cellNumber(-3.5)).toBe(-3.5);
    expect(cellNumber(0)).toBe(0);
  });
  it('refuses non-finite numbers', () => {
    expect(cellNumber(Number.NaN)).toBeUndefined();
    expect(cellNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(cellNumber('1e999')).toBeUndefined();
    expect(cellNumber('Infinity')).toBeUndefined();
  });
  it('reads numeric text, with thousands separators', () => {
    expect(cellNumber(' 12 ')).toBe(12);
    expect(cellNumber('1,200')).toBe(1200);
    expect(cellNumber('1,200,000.50')).toBe(1200000.5);
    expect(cellNumber('-7.25')).toBe(-7.25);
    expect(cellNumber('.5')).toBe(0.5);
  });
  it('reads one leading currency sign', () => {
    expect(cellNumber('$5')).toBe(5);
    expect(cellNumber('€5')).toBe(5);
    expect(cellNumber('£1,250.75')).toBe(1250.75);
    expect(cellNumber('-$40')).toBe(-40);
    expect(cellNumber('$-40')).toBe(-40);
  });
  it('reads a trailing percent as a fraction', () => {
    expect(cellNumber('45%')).toBe(0.45);
    expect(cellNumber('100%')).toBe(1);
    expect(cellNumber('-12.5%')).toBe(-0.125);
  });
  it('refuses anything else', () => {
    for (const cell of [
      '',
      '  ',
      'n/a',
      '5 visits',
      '$$5',
      '5$',
      '$5%',
      '1,2',
      '12,34,567',
      '--5',
      '+-5',
      '0x10',
      '1.2.3',
      true,
      false,
      null,
      undefined,
      new Date(0),
      {},
      [5],
    ]) {
      expect(cellNumber(cell), String(cell)).toBeUndefined();
    }
  });
});

describe('cellTruth', () => {
  it('reads true, non-zero numbers and the words true yes y x as true', () => {
    for (const cell of [true, 1, -2, '3', '1,000', 'TRUE', ' Yes ', 'y', 'X'])
      expect(cellTruth(cell)).toBe(true);
  });
  it('reads false, zero and the words false no n as false', () => {
    for (const cell of [false, 0, '0', '0%', 'False', 'NO', 'n']) expect(cellTruth(cell)).toBe(false);
  });
  it('reads anything else, blanks included, as neither', () => {
    for (const cell of ['', ' ', null, undefined, 'maybe', 'yes please', Number.NaN, new Date(0), {}]) {
      expect(cellTruth(cell)).toBeUndefined();
    }
  });
});

describe('parseIsoDay', () => {
  it('counts days since 1970-01-01', () => {
    expect(parseIsoDay('1970-01-01')).toBe(0);
    expect(parseIsoDay('1970-01-02')).toBe(1);
    expect(parseIsoDay('1969-12-31')).toBe(-1);
    expect(parseIsoDay('2026-06-30')).toBe(Date.UTC(2026, 5, 30) / 86_400_000);
  });
  it('ignores a time after the date', () => {
    expect(parseIsoDay('2026-06-30T23:59:59Z')).toBe(day('2026-06-30'));
    expect(parseIsoDay('2026-06-30 08:00')).toBe(day('2026-06-30'));
  });
  it('refuses dates that do not exist and text that is not a date', () => {
    for (const text of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-6-30',
      '30/06/2026',
      '2026-06-301',
      'soon',
    ]) {
      expect(parseIsoDay(text), text).toBeUndefined();
    }
    expect(parseIsoDay('2024-02-29')).toBeDefined();
  });
  it('round-trips with formatIsoDay across centuries', () => {
    for (const iso of ['0001-01-01', '1600-02-29', '1899-12-30', '2000-02-29', '2100-03-01', '9999-12-31']) {
      expect(formatIsoDay(day(iso))).toBe(iso);
    }
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
  });
});

describe('dayOfDateIn', () => {
  it('uses the calendar day in the time zone, near midnight', () => {
    const justAfterMidnightInNewYork = new Date('2026-01-15T05:30:00Z'); // 00:30 in New York
    const justBeforeMidnightInNewYork = new Date('2026-01-15T04:30:00Z'); // 23:30 on the 14th
    const newYork = dayOfDateIn('America/New_York');
    expect(newYork(justAfterMidnightInNewYork)).toBe(day('2026-01-15'));
    expect(newYork(justBeforeMidnightInNewYork)).toBe(day('2026-01-14'));
    const tokyo = dayOfDateIn('Asia/Tokyo');
    expect(tokyo(new Date('2026-01-14T15:00:00Z'))).toBe(day('2026-01-15'));
    expect(tokyo(new Date('2026-01-14T14:59:59Z'))).toBe(day('2026-01-14'));
  });

  it('follows daylight saving time', () => {
    const newYork = dayOfDateIn('America/New_York');
    // Summer: UTC−4, so 03:59 UTC is still the previous day.
    expect(newYork(new Date('2026-07-01T03:59:00Z'))).toBe(day('2026-06-30'));
    expect(newYork(new Date('2026-07-01T04:00:00Z'))).toBe(day('2026-07-01'));
  });

  it('handles zones whose offset changes on a half hour (Lord Howe)', () => {
    const lordHowe = dayOfDateIn('Australia/Lord_Howe');
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Lord_Howe' });
    // Every 10 minutes across the October 2026 change to daylight time (at 15:30 UTC).
    for (let ms = Date.UTC(2026, 9, 3, 0); ms < Date.UTC(2026, 9, 4, 16); ms += 600_000) {
      expect(formatIsoDay(lordHowe(new Date(ms)))).toBe(format.format(ms));
    }
  });

  it('agrees with Intl for many instants in several zones', () => {
    for (const zone of ['Europe/Paris', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC']) {
      const dayOf = dayOfDateIn(zone);
      const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
      for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 7 * 3_600_000 + 123_457) {
        expect(formatIsoDay(dayOf(new Date(ms)))).toBe(format.format(ms));
      }
    }
  });

  it('is memoised per time zone and fast-paths UTC', () => {
    expect(dayOfDateIn('Europe/Paris')).toBe(dayOfDateIn('Europe/Paris'));
    expect(dayOfDateIn('UTC')).toBe(utcDayOfDate);
    expect(dayOfDateIn('Etc/UTC')).toBe(utcDayOfDate);
  });

  it('refuses an unknown time zone at once', () => {
    expect(() => dayOfDateIn('Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('gives NaN for an invalid Date', () => {
    expect(dayOfDateIn('Europe/Paris')(new Date(Number.NaN))).toBeNaN();
  });
});

describe('cellDay', () => {
  const paris = dayOfDateIn('Europe/Paris');
  it('reads Dates in the time zone and ISO text', () => {
    expect(cellDay(new Date('2026-03-01T23:30:00Z'), paris)).toBe(day('2026-03-02'));
    expect(cellDay(' 2026-03-01T10:00:00 ', paris)).toBe(day('2026-03-01'));
  });
  it('reads nothing else as a date', () => {
    for (const cell of ['', 'yesterday', '03/01/2026', 46000, true, null, new Date(Number.NaN), {}]) {
      expect(cellDay(cell, paris)).toBeUndefined();
    }
  });
});

describe('foldCase (the case rule the engine and the SQL share, issue 21)', () => {
  it('reads a final sigma as σ, so ΟΔΟΣ equals οδοσ and οδος', async () => {
    const { foldCase, cellText } = await import('../../src/core/cells');
    expect(foldCase('ΟΔΟΣ')).toBe('οδοσ');
    expect(cellText(' οδος ')).toBe('οδοσ');
    expect(foldCase('Ⓐ Ꟁ ΑΣ')).toBe('ⓐ ꟁ ασ');
    expect(foldCase('Plain ASCII')).toBe('plain ascii');
  });
});

describe('fast paths of number and date reading', () => {
  // parseNumberText and parseIsoDay read the usual cells character by character; the readings must be the
  // contract's (the patterns they replace), on every shape near the fast path's edges.
  const NUMBER_PATTERN =
    /^([+-])?([$€£])?\s*([+-])?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(e[+-]?\d+)?(%)?$/i;
  const byPattern = (text: string): number | undefined => {
    const match = NUMBER_PATTERN.exec(text.trim());
    if (match === null) return undefined;
    const [, leadingSign, currency, innerSign, digits = '', exponent = '', percent] = match;
    if (leadingSign !== undefined && innerSign !== undefined) return undefined;
    if (currency !== undefined && percent !== undefined) return undefined;
    const magnitude = Number(digits.replace(/,/g, '') + exponent);
    const value = (leadingSign ?? innerSign) === '-' ? -magnitude : magnitude;
    const scaled = percent === undefined ? value : value / 100;
    return Number.isFinite(scaled) ? scaled : undefined;
  };
  it('reads numbers as the contract pattern does', () => {
    const texts = [
      '0',
      '-0',
      '007',
      '42',
      '-42',
      '3.',
      '.5',
      '-.5',
      '-',
      '.',
      '..',
      '1..2',
      '1.2.3',
      '-1-',
      '--1',
    ];
    texts.push('1e3', '45%', ' 5', '5 ', '1,200', '$5', '9'.repeat(400), `${'9'.repeat(400)}.5`, '', '١٢');
    for (const text of texts) expect(parseNumberText(text), text).toBe(byPattern(text));
  });
  it('reads ISO days as the pattern ^(\\d{4})-(\\d{2})-(\\d{2})(?!\\d) does', () => {
    const texts = ['2026-06-30', '2026-06-30T10:00', '2026-06-301', '2026-6-30', '2026-02-29', '2024-02-29'];
    texts.push(
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '2026-06-3',
      '2026/06/30',
      'x2026-06-30',
      '',
    );
    for (const text of texts) {
      const match = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
      const expected =
        match === null
          ? undefined
          : (() => {
              const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
              const check = new Date(Date.UTC(year, month - 1, day));
              const real =
                month >= 1 && month <= 12 && check.getUTCDate() === day && check.getUTCMonth() === month - 1;
              return real ? daysFromCivil(year, month, day) : undefined;
            })();
      expect(parseIsoDay(text), text).toBe(expected);
    }
  });
});
