/**
 * Utilities, Logger and console.
 * https://developers.google.com/apps-script/reference/utilities/utilities
 * https://developers.google.com/apps-script/reference/base/logger
 */
import { randomUUID } from 'node:crypto';
import { formatSimpleDate } from './date-format.js';
import { type Runtime, SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';
import { isDateObject } from './values.js';

/** Utilities.sleep refuses more than 5 minutes (https://developers.google.com/apps-script/reference/utilities/utilities#sleep(Integer)). */
export const MAX_SLEEP_MILLISECONDS = 300_000;

export class UtilitiesImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Utilities';
  }

  /** Sleeps that were requested, in milliseconds; nothing actually waits. */
  readonly sleeps: number[] = [];

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDateObject(date)) throw new ScriptException('Invalid argument: date');
    return formatSimpleDate(date, String(timeZone), String(format));
  }

  /** Java String.format-style: %s %d %f %.2f and %%. */
  formatString(template: string, ...args: unknown[]): string {
    let index = 0;
    return String(template).replace(/%(\.(\d+))?([sdf%])/g, (_match, _precisionGroup, precision, kind) => {
      if (kind === '%') return '%';
      const value = args[index++];
      if (kind === 'd') return String(Math.trunc(Number(value)));
      if (kind === 'f') return Number(value).toFixed(precision === undefined ? 6 : Number(precision));
      return String(value);
    });
  }

  getUuid(): string {
    return randomUUID();
  }

  sleep(milliseconds: number): void {
    if (milliseconds > MAX_SLEEP_MILLISECONDS) {
      throw new ScriptException(`Invalid argument: milliseconds. The maximum is ${MAX_SLEEP_MILLISECONDS}.`);
    }
    this.sleeps.push(milliseconds);
  }

  base64Encode(data: string): string {
    return Buffer.from(String(data), 'utf8').toString('base64');
  }

  base64Decode(encoded: string): number[] {
    // Google returns a Java byte[] (signed bytes).
    return [...Buffer.from(String(encoded), 'base64')].map((byte) => (byte > 127 ? byte - 256 : byte));
  }

  newBlob(data: string): { getDataAsString(): string } {
    const text = String(data);
    return { getDataAsString: () => text };
  }
}

function describeLogArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isDateObject(value)) return value.toString();
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Logger.log(data) or Logger.log(format, ...values) with %s placeholders. */
export class LoggerImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Logger';
  }

  constructor(private readonly runtime: Runtime) {
    super();
  }

  log(data: unknown, ...values: unknown[]): this {
    let text = describeLogArgument(data);
    if (values.length > 0) {
      let index = 0;
      text = text.replace(/%s/g, () => describeLogArgument(values[index++]));
    }
    this.runtime.logs.push(text);
    return this;
  }

  getLog(): string {
    return this.runtime.logs.join('\n');
  }

  clear(): void {
    this.runtime.logs.length = 0;
  }
}

/** console.* lands in the same log, prefixed with its level when not plain `log`. */
export class ConsoleImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'console';
  }

  constructor(private readonly runtime: Runtime) {
    super();
  }

  private write(level: string, values: unknown[]): void {
    const text = values.map(describeLogArgument).join(' ');
    this.runtime.logs.push(level === 'log' ? text : `[${level}] ${text}`);
  }

  log(...values: unknown[]): void {
    this.write('log', values);
  }
  info(...values: unknown[]): void {
    this.write('info', values);
  }
  warn(...values: unknown[]): void {
    this.write('warn', values);
  }
  error(...values: unknown[]): void {
    this.write('error', values);
  }
}
