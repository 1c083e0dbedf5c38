/**
 * Developer metadata on a sheet: key/value pairs a script attaches and reads back, invisible in the grid.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#addDeveloperMetadata(String,String)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDeveloperMetadata()
 * https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
 * Rules taken from the Sheets API resource (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata)
 * and guide (https://developers.google.com/sheets/api/guides/metadata): a key is always required; several
 * entries may share a key; "If the associated object is deleted its metadata is deleted too" (the entries live
 * on the sheet object here); the metadata of one location is limited to 30,000 characters. Only the sheet
 * location and the (key) / (key, value) overloads are emulated; the visibility overloads and the finder throw.
 */
import { SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

/** "The total size of all metadata associated with a location ... 30,000 characters" (metadata guide). */
export const METADATA_CHARACTER_LIMIT = 30_000;

let nextId = 1;

export class EmulatedDeveloperMetadata extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'DeveloperMetadata';
  }

  /** @internal created by SheetMetadata.add */
  constructor(
    private readonly owner: SheetMetadata,
    private readonly id: number,
    private key: string,
    private value: string | null,
  ) {
    super();
  }

  getId(): number {
    return this.id;
  }

  getKey(): string {
    return this.key;
  }

  /** "the value associated with this developer metadata, or null if this metadata has no value". */
  getValue(): string | null {
    return this.value;
  }

  setKey(key: string): this {
    const checked = checkKey(key);
    this.owner.checkSize(checked.length - this.key.length);
    this.key = checked;
    return this;
  }

  setValue(value: string): this {
    const text = checkValue(value);
    this.owner.checkSize(text.length - (this.value ?? '').length);
    this.value = text;
    return this;
  }

  remove(): void {
    this.owner.remove(this);
  }

  /** @internal */
  size(): number {
    return this.key.length + (this.value ?? '').length;
  }
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key === '')
    throw new ScriptException('Invalid argument: key. A developer metadata key must be a non-empty string.');
  return key;
}

function checkValue(value: unknown): string {
  if (typeof value !== 'string') throw new ScriptException('Invalid argument: value');
  return value;
}

/** The developer metadata of one sheet. */
export class SheetMetadata {
  private readonly entries: EmulatedDeveloperMetadata[] = [];

  add(args: readonly unknown[]): EmulatedDeveloperMetadata {
    if (args.length < 1 || args.length > 2 || (args.length === 2 && typeof args[1] !== 'string')) {
      throw new ScriptException(
        'The emulation models Sheet.addDeveloperMetadata(key) and (key, value) only (no visibility argument).',
      );
    }
    const key = checkKey(args[0]);
    const value = args.length === 2 ? checkValue(args[1]) : null;
    this.checkSize(key.length + (value ?? '').length);
    const entry = new EmulatedDeveloperMetadata(this, nextId++, key, value);
    this.entries.push(entry);
    return entry;
  }

  list(): EmulatedDeveloperMetadata[] {
    return [...this.entries];
  }

  /** @internal */
  remove(entry: EmulatedDeveloperMetadata): void {
    const at = this.entries.indexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
  }

  /** @internal */
  checkSize(added: number): void {
    const total = this.entries.reduce((sum, entry) => sum + entry.size(), 0) + added;
    if (total > METADATA_CHARACTER_LIMIT) {
      throw new ScriptException(
        `Developer metadata on a sheet is limited to ${METADATA_CHARACTER_LIMIT} characters; this would make ${total}.`,
      );
    }
  }
}
