/**
 * CacheService: document, script and user caches with expiry.
 * https://developers.google.com/apps-script/reference/cache/cache
 * Limits from that page: keys up to 250 characters, values up to 100 KB, expiry 1..21600 seconds
 * (default 600). Expiry uses the emulator's clock (EmulatorOptions.clock), never real waiting.
 */
import { type Runtime, SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

export const MAX_CACHE_KEY_LENGTH = 250;
export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
export const MAX_CACHE_EXPIRATION_SECONDS = 21600;
export const DEFAULT_CACHE_EXPIRATION_SECONDS = 600;

interface CacheEntry {
  value: string;
  expiresAt: number;
}

export class Cache extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Cache';
  }

  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly runtime: Runtime) {
    super();
  }

  private checkKey(key: unknown): string {
    const text = String(key);
    if (text.length > MAX_CACHE_KEY_LENGTH) throw new ScriptException('Argument too large: key');
    return text;
  }

  private expiryFor(expirationInSeconds: number | undefined): number {
    const seconds = expirationInSeconds ?? DEFAULT_CACHE_EXPIRATION_SECONDS;
    if (seconds > MAX_CACHE_EXPIRATION_SECONDS) {
      throw new ScriptException(
        `Invalid argument: expirationInSeconds (${seconds}); the maximum is ${MAX_CACHE_EXPIRATION_SECONDS}.`,
      );
    }
    return this.runtime.now() + Math.max(1, seconds) * 1000;
  }

  private checkedValue(value: unknown): string {
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > MAX_CACHE_VALUE_BYTES)
      throw new ScriptException('Argument too large: value');
    return text;
  }

  get(key: string): string | null {
    const name = this.checkKey(key);
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.expiresAt <= this.runtime.now()) {
      this.entries.delete(name);
      return null;
    }
    return entry.value;
  }

  /** Only keys found (and not expired) appear in the result. */
  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) found[String(key)] = value;
    }
    return found;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    const name = this.checkKey(key);
    const text = this.checkedValue(value);
    this.entries.set(name, { value: text, expiresAt: this.expiryFor(expirationInSeconds) });
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    const expiresAt = this.expiryFor(expirationInSeconds);
    const checked = Object.entries(values).map(
      ([key, value]) => [this.checkKey(key), this.checkedValue(value)] as const,
    );
    for (const [key, value] of checked) this.entries.set(key, { value, expiresAt });
  }

  remove(key: string): void {
    this.entries.delete(this.checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const key of keys) this.remove(key);
  }
}

export class CacheServiceImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'CacheService';
  }

  private readonly documentCache: Cache;
  private readonly scriptCache: Cache;
  private readonly userCache: Cache;

  constructor(runtime: Runtime) {
    super();
    this.documentCache = new Cache(runtime);
    this.scriptCache = new Cache(runtime);
    this.userCache = new Cache(runtime);
  }

  getDocumentCache(): Cache {
    return this.documentCache;
  }
  getScriptCache(): Cache {
    return this.scriptCache;
  }
  getUserCache(): Cache {
    return this.userCache;
  }
}
