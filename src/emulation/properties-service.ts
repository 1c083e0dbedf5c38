/**
 * PropertiesService: document, script and user property stores.
 * https://developers.google.com/apps-script/reference/properties/properties-service
 * Quotas (https://developers.google.com/apps-script/guides/services/quotas): 9 kB per value,
 * 500 kB per property store.
 */
import { SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Property values are always strings; objects must be serialised by the caller (String() is what Google does). */
function toPropertyString(value: unknown): string {
  return String(value);
}

export class Properties extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Properties';
  }

  /** @internal the store itself, shared by every execution */
  readonly entries = new Map<string, string>();

  getProperty(key: string): string | null {
    return this.entries.get(String(key)) ?? null;
  }

  /** A copy: changing it does not change the store. */
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }

  getKeys(): string[] {
    return [...this.entries.keys()];
  }

  setProperty(key: string, value: unknown): this {
    const next = new Map(this.entries);
    next.set(String(key), toPropertyString(value));
    this.commit(next);
    return this;
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.entries);
    for (const [key, value] of Object.entries(properties)) next.set(key, toPropertyString(value));
    this.commit(next);
    return this;
  }

  deleteProperty(key: string): this {
    this.entries.delete(String(key));
    return this;
  }

  deleteAllProperties(): this {
    this.entries.clear();
    return this;
  }

  /** Checks both quotas before changing anything, so a failed write leaves the store as it was. */
  private commit(next: Map<string, string>): void {
    let total = 0;
    for (const [key, value] of next) {
      if (utf8Bytes(value) > MAX_PROPERTY_VALUE_BYTES) throw new ScriptException('Argument too large: value');
      total += utf8Bytes(key) + utf8Bytes(value);
    }
    if (total > MAX_PROPERTY_STORE_BYTES) {
      throw new ScriptException(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.entries.clear();
    for (const [key, value] of next) this.entries.set(key, value);
  }
}

export class PropertiesServiceImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'PropertiesService';
  }

  readonly documentProperties = new Properties();
  readonly scriptProperties = new Properties();
  /** In a custom function Google hands out the owner's user properties; there is one user here. */
  readonly userProperties = new Properties();

  getDocumentProperties(): Properties {
    return this.documentProperties;
  }
  getScriptProperties(): Properties {
    return this.scriptProperties;
  }
  getUserProperties(): Properties {
    return this.userProperties;
  }
}
