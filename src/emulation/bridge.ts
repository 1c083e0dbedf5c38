/**
 * The boundary between the host (Node) and the script's vm realm.
 *
 * The script sees each emulated service object through a Proxy that (1) reports every method call
 * (for the call log and the auth-mode policy) and (2) converts values across realms, so that the
 * script gets its own realm's Arrays, Dates and Errors (`x instanceof Date` and `e instanceof Error`
 * behave as on Google) and the host gets host values back.
 */
import { EnumValue } from './enums.js';
import { EmulatorError, SCRIPT_TYPE, ScriptObject } from './runtime.js';
import { isDateObject } from './values.js';

/** Constructors of the script's realm. */
export interface RealmIntrinsics {
  Array: ArrayConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  Object: ObjectConstructor;
}

/** Called before each method call the script makes; throws to refuse the call. */
export type CallObserver = (typeName: string, method: string) => void;

/** Method names that are conversions, not service calls, and stay out of the call log. */
const UNLOGGED_METHODS = new Set(['toString', 'valueOf', 'toJSON']);

function isPlainObject(value: object): boolean {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype = Object.getPrototypeOf(value);
  // A plain object of either realm: its prototype is some realm's Object.prototype (or null).
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

export class ScriptBridge {
  private readonly proxyTargets = new WeakMap<object, ScriptObject>();
  private readonly proxies = new WeakMap<ScriptObject, object>();

  constructor(
    private readonly realm: RealmIntrinsics,
    private readonly observeCall: CallObserver,
    /** Told of EmulatorErrors, which end the execution even if the script catches them. */
    private readonly onEmulatorError: (error: EmulatorError) => void = () => {},
  ) {}

  /** The script-facing proxy of a service object (one per object, so identity holds). */
  wrap(target: ScriptObject): object {
    const existing = this.proxies.get(target);
    if (existing) return existing;
    const typeName = target[SCRIPT_TYPE];
    const methods = new Map<string, (...args: unknown[]) => unknown>();
    const proxy = new Proxy(target, {
      get: (object, property) => {
        if (typeof property === 'symbol') return undefined;
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return this.toScript(value);
        let method = methods.get(property);
        if (!method) {
          method = this.scriptMethod(object, typeName, property, value as (...args: unknown[]) => unknown);
          methods.set(property, method);
        }
        return method;
      },
      // Service objects are not the script's to modify.
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    });
    this.proxies.set(target, proxy);
    this.proxyTargets.set(proxy, target);
    return proxy;
  }

  private scriptMethod(
    target: ScriptObject,
    typeName: string,
    method: string,
    implementation: (...args: unknown[]) => unknown,
  ): (...args: unknown[]) => unknown {
    return (...args: unknown[]) => {
      try {
        if (!UNLOGGED_METHODS.has(method)) this.observeCall(typeName, method);
        const hostArgs = args.map((arg) => this.fromScript(arg));
        return this.toScript(Reflect.apply(implementation, target, hostArgs));
      } catch (error) {
        if (error instanceof EmulatorError) this.onEmulatorError(error);
        throw this.toScriptError(error);
      }
    };
  }

  /** Host value -> script realm. */
  toScript(value: unknown, seen = new Map<object, unknown>()): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (value instanceof ScriptObject) return this.wrap(value);
    if (value instanceof EnumValue || this.proxyTargets.has(value)) return value;
    if (seen.has(value)) return seen.get(value);
    if (isDateObject(value)) return new this.realm.Date(value.getTime());
    if (Array.isArray(value)) {
      const copy = new this.realm.Array();
      seen.set(value, copy);
      for (const item of value) copy.push(this.toScript(item, seen));
      return copy;
    }
    if (isPlainObject(value)) {
      const copy = new this.realm.Object() as Record<string, unknown>;
      seen.set(value, copy);
      for (const [key, item] of Object.entries(value)) copy[key] = this.toScript(item, seen);
      return copy;
    }
    // Internal host objects (maps, stores) are not part of the Apps Script surface.
    return undefined;
  }

  /** Script value -> host: proxies back to their targets, realm Arrays/Dates/objects to host ones. */
  fromScript(value: unknown, seen = new Map<object, unknown>()): unknown {
    if (typeof value !== 'object' || value === null) return value;
    const target = this.proxyTargets.get(value);
    if (target) return target;
    if (value instanceof EnumValue || value instanceof ScriptObject) return value;
    if (seen.has(value)) return seen.get(value);
    if (isDateObject(value)) return new Date(value.getTime());
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(this.fromScript(item, seen));
      return copy;
    }
    if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      seen.set(value, copy);
      for (const [key, item] of Object.entries(value)) copy[key] = this.fromScript(item, seen);
      return copy;
    }
    return value;
  }

  /** A host error re-created in the script realm, so the script's `instanceof Error` holds. */
  toScriptError(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const scriptError = new this.realm.Error(error.message);
    scriptError.name = error.name;
    return scriptError;
  }
}

/** An error thrown by the script, re-created in the host realm for test code (message and name kept). */
export function toHostError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const source = error as { message: unknown; name?: unknown; stack?: unknown };
    const hostError = new Error(String(source.message), { cause: error });
    if (typeof source.name === 'string') hostError.name = source.name;
    if (typeof source.stack === 'string') hostError.stack = source.stack;
    return hostError;
  }
  return new Error(String(error), { cause: error });
}
