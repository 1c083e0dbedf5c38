/**
 * createEmulator(): one spreadsheet, its services, and a vm sandbox that runs the built add-on.
 *
 * Every run() and every custom-function cell is a separate execution, as on Google: the script is
 * loaded afresh into a new vm context (global variables do not survive between executions; see
 * https://developers.google.com/apps-script/guides/sheets/functions#optimization, "the whole script
 * project is loaded for each" call), then the function is called in the requested auth mode.
 */
import vm from 'node:vm';
import { parseA1 } from './a1.js';
import { checkCallAllowed } from './auth-policy.js';
import { type RealmIntrinsics, ScriptBridge, toHostError } from './bridge.js';
import { CacheServiceImpl } from './cache-service.js';
import { type InvocationResult, Recalculator } from './custom-functions.js';
import { cellKey } from './geometry.js';
import { HtmlServiceImpl } from './html-service.js';
import { LockServiceImpl } from './lock-service.js';
import { type AppsScriptManifest, grantedScopesOf } from './manifest.js';
import { PropertiesServiceImpl } from './properties-service.js';
import {
  type AuthModeName,
  type CallingCell,
  Execution,
  Runtime,
  ScriptException,
  type ScriptObject,
} from './runtime.js';
import { missingScopeMessage, requiredScopes } from './scopes.js';
import { ChartsImpl, ScriptAppImpl } from './script-app.js';
import { SessionImpl } from './session.js';
import { EmulatedSpreadsheet } from './spreadsheet.js';
import { SpreadsheetAppImpl } from './spreadsheet-app.js';
import { type DialogAnswerer, type UiLog, UiLogImpl } from './ui.js';
import { DriveAppStub, MailAppStub, UrlFetchAppStub } from './unemulated-services.js';
import { ConsoleImpl, LoggerImpl, UtilitiesImpl } from './utilities.js';

export interface EmulatorOptions {
  /**
   * The project manifest (appsscript.json). Its oauthScopes are the only scopes the script has: a call
   * whose reference page requires a scope the list lacks throws Google's "You do not have permission to
   * call X. Required permissions: ..." (scopes.ts). No manifest, or one without oauthScopes, grants NO
   * scope (strict: the emulator does not guess Google's automatic scope detection).
   */
  manifest?: AppsScriptManifest | null;
  /**
   * Answers Ui.alert / Ui.prompt when no answer was queued (emulator.ui.queue*Response). Called
   * synchronously inside the script's call. Without it, an unanswered dialog throws UnansweredDialogError.
   */
  answerDialog?: DialogAnswerer;
  /** Spreadsheet locale; only 'en_US' (the default) is emulated: others throw at creation. */
  locale?: string;
  /** Spreadsheet time zone; default 'Etc/UTC'. */
  timeZone?: string;
  /** Script time zone (Session.getScriptTimeZone); defaults to the manifest's timeZone, then timeZone. */
  scriptTimeZone?: string;
  /** Email Session.getActiveUser() gives; default ''. */
  activeUser?: string;
  spreadsheetName?: string;
  /** Caption Sheets gives the add-on menu (createAddonMenu); default 'Lead Scoring for Sheets'. */
  addonName?: string;
  /** name (without .html) -> content, for HtmlService.createHtmlOutputFromFile. */
  htmlFiles?: Record<string, string>;
  /** Milliseconds since the epoch, for cache expiry; default Date.now. */
  clock?: () => number;
  /**
   * The other answer to an undocumented question: a plain-text (`@`) cell stores a written string exactly,
   * a leading apostrophe and `=` included (default false: as in every other cell, the apostrophe is dropped
   * and `=…` is a formula). docs/emulation.md, "Decisions".
   */
  plainTextIsLiteral?: boolean;
}

/** The emulated services, unwrapped: test code may use them directly (calls are not logged). */
export interface EmulatedServices {
  SpreadsheetApp: SpreadsheetAppImpl;
  HtmlService: HtmlServiceImpl;
  PropertiesService: PropertiesServiceImpl;
  LockService: LockServiceImpl;
  CacheService: CacheServiceImpl;
  Session: SessionImpl;
  Utilities: UtilitiesImpl;
  Logger: LoggerImpl;
  ScriptApp: ScriptAppImpl;
  Charts: ChartsImpl;
  UrlFetchApp: UrlFetchAppStub;
  MailApp: MailAppStub;
  DriveApp: DriveAppStub;
  console: ConsoleImpl;
}

export interface Emulator {
  /** The one active spreadsheet (test code uses it directly, unlogged). */
  readonly spreadsheet: EmulatedSpreadsheet;
  /** The services, for test code to seed or inspect (e.g. document properties). */
  readonly services: EmulatedServices;
  /**
   * Loads a script (the built bundle). Each execution runs it in a fresh node:vm context whose
   * globals are the emulated services and nothing else (no require, process, fetch, setTimeout...).
   */
  loadScript(code: string, filename?: string): void;
  /** Calls a top-level function of the loaded script in the given auth mode (default FULL). */
  run(functionName: string, args?: unknown[], authMode?: AuthModeName): unknown;
  /** Names of the top-level functions the loaded script declares. */
  functionNames(): string[];
  /**
   * Recalculates formula cells that call a function of the loaded script, the way Sheets does.
   * Returns the A1 addresses (with sheet, e.g. "Leads!L1") of the formulas evaluated.
   */
  recalculate(options?: { force?: boolean }): string[];
  /** What the UI showed. */
  readonly ui: UiLog;
  /** Every call the script made to a service object, e.g. 'Range.getValues', in order. */
  readonly calls: string[];
  resetCalls(): void;
  /** Logger.log and console output, one entry per call. */
  readonly logs: string[];
  /** Document lock: tests simulate another user holding it. */
  holdDocumentLock(held: boolean): void;
  /** Error text a formula cell shows after recalculate (for #ERROR!, #REF!, #NAME?), or undefined. */
  formulaError(a1WithSheet: string): string | undefined;
}

const SERVICE_NAMES = [
  'SpreadsheetApp',
  'HtmlService',
  'PropertiesService',
  'LockService',
  'CacheService',
  'Session',
  'Utilities',
  'Logger',
  'ScriptApp',
  'Charts',
  'UrlFetchApp',
  'MailApp',
  'DriveApp',
  'console',
] as const;

/** Fixed id with the shape of a Drive file id (44 characters). */
const SPREADSHEET_ID = '1EmuLatedSpreadsheetId0000000000000000000000';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class EmulatorImpl implements Emulator {
  readonly spreadsheet: EmulatedSpreadsheet;
  readonly services: EmulatedServices;
  readonly calls: string[] = [];
  private readonly runtime: Runtime;
  private readonly uiLog = new UiLogImpl();
  private readonly recalculator: Recalculator;
  private script: vm.Script | null = null;
  private declaredFunctions: string[] = [];
  /** The manifest's oauthScopes: what the user authorized. */
  readonly grantedScopes: ReadonlySet<string>;

  constructor(options: EmulatorOptions) {
    const timeZone = options.timeZone ?? 'Etc/UTC';
    const locale = options.locale ?? 'en_US';
    if (locale !== 'en_US') {
      throw new Error(`Spreadsheet locale ${locale} is not emulated (only en_US): see docs/emulation.md.`);
    }
    this.grantedScopes = grantedScopesOf(options.manifest ?? null);
    this.uiLog.answerDialog = options.answerDialog ?? null;
    this.runtime = new Runtime({
      timeZone,
      scriptTimeZone: options.scriptTimeZone ?? options.manifest?.timeZone ?? timeZone,
      activeUser: options.activeUser ?? '',
      spreadsheetName: options.spreadsheetName ?? 'Untitled spreadsheet',
      addonName: options.addonName ?? 'Lead Scoring for Sheets',
      htmlFiles: { ...(options.htmlFiles ?? {}) },
      clock: options.clock ?? Date.now,
    });
    this.spreadsheet = new EmulatedSpreadsheet(
      SPREADSHEET_ID,
      this.runtime.options.spreadsheetName,
      timeZone,
      this.uiLog,
      this.runtime.options.clock,
    );
    this.spreadsheet.plainTextIsLiteral = options.plainTextIsLiteral ?? false;
    this.services = {
      SpreadsheetApp: new SpreadsheetAppImpl(this.runtime, this.spreadsheet, this.uiLog),
      HtmlService: new HtmlServiceImpl(this.runtime.options.htmlFiles),
      PropertiesService: new PropertiesServiceImpl(),
      LockService: new LockServiceImpl(this.runtime),
      CacheService: new CacheServiceImpl(this.runtime),
      Session: new SessionImpl(this.runtime),
      Utilities: new UtilitiesImpl(),
      Logger: new LoggerImpl(this.runtime),
      ScriptApp: new ScriptAppImpl(this.runtime),
      Charts: new ChartsImpl(),
      UrlFetchApp: new UrlFetchAppStub(),
      MailApp: new MailAppStub(),
      DriveApp: new DriveAppStub(),
      console: new ConsoleImpl(this.runtime),
    };
    this.recalculator = new Recalculator(this.spreadsheet, {
      resolveFunction: (name) => this.resolveCustomFunction(name),
      invoke: (name, args, callingCell) => this.invokeCustomFunction(name, args, callingCell),
    });
  }

  get ui(): UiLog {
    return this.uiLog;
  }

  get logs(): string[] {
    return this.runtime.logs;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  holdDocumentLock(held: boolean): void {
    if (held) this.runtime.locksHeldElsewhere.add('document');
    else this.runtime.locksHeldElsewhere.delete('document');
  }

  loadScript(code: string, filename = 'addon.js'): void {
    const script = new vm.Script(code, { filename });
    this.script = script;
    this.declaredFunctions = [];
    // Discover the declared functions by running the top level once (unlogged, FULL mode).
    const discovered = this.execute(new Execution('FULL', null), false, (globals) =>
      Object.keys(globals).filter(
        (name) =>
          !(SERVICE_NAMES as readonly string[]).includes(name) &&
          typeof globals[name] === 'function' &&
          // Only `function NAME(` declarations are entry points (not `globalThis.NAME = ...`).
          new RegExp(`(^|[^.\\w$])function\\s*\\*?\\s*${escapeRegExp(name)}\\s*\\(`).test(code),
      ),
    );
    this.declaredFunctions = discovered;
  }

  functionNames(): string[] {
    return [...this.declaredFunctions];
  }

  run(functionName: string, args: unknown[] = [], authMode: AuthModeName = 'FULL'): unknown {
    this.requireScript();
    if (!this.declaredFunctions.includes(functionName)) {
      throw new ScriptException(`Script function not found: ${functionName}`);
    }
    return this.execute(new Execution(authMode, null), true, (globals, bridge) => {
      const entryPoint = globals[functionName] as (...args: unknown[]) => unknown;
      const result = entryPoint(...args.map((arg) => bridge.toScript(arg)));
      return bridge.fromScript(result);
    });
  }

  recalculate(options: { force?: boolean } = {}): string[] {
    this.requireScript();
    return this.recalculator.recalculate(options.force ?? false);
  }

  formulaError(a1WithSheet: string): string | undefined {
    const reference = parseA1(a1WithSheet);
    if (!reference || reference.startRow === null || reference.startColumn === null) return undefined;
    const sheet =
      reference.sheetName === null
        ? this.spreadsheet.getActiveSheet()
        : this.spreadsheet.getSheetByName(reference.sheetName);
    const cell = sheet?.cells.get(cellKey(reference.startRow, reference.startColumn));
    return cell?.formulaState?.error ?? undefined;
  }

  private checkScopes(typeName: string, method: string): void {
    if (method === 'toString') return;
    const scopes = requiredScopes(typeName, method);
    if (scopes.length === 0 || scopes.some((scope) => this.grantedScopes.has(scope))) return;
    throw new ScriptException(missingScopeMessage(`${typeName}.${method}`, scopes));
  }

  private requireScript(): vm.Script {
    if (!this.script) throw new Error('No script loaded: call emulator.loadScript(code) first.');
    return this.script;
  }

  /** Custom functions: names are case-insensitive and may not end with "_" (private functions). */
  private resolveCustomFunction(name: string): string | null {
    const wanted = name.toLowerCase();
    return (
      this.declaredFunctions.find(
        (declared) => declared.toLowerCase() === wanted && !declared.endsWith('_'),
      ) ?? null
    );
  }

  private invokeCustomFunction(
    functionName: string,
    args: unknown[],
    callingCell: CallingCell,
  ): InvocationResult {
    try {
      const value = this.execute(new Execution('CUSTOM_FUNCTION', callingCell), true, (globals, bridge) => {
        const customFunction = globals[functionName] as (...args: unknown[]) => unknown;
        // Omitted trailing arguments stay absent; others cross into the script realm.
        return bridge.fromScript(customFunction(...args.map((arg) => bridge.toScript(arg))));
      });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, message: toHostError(error).message };
    }
  }

  /** One execution: fresh context, services as the only extra globals, script top level, then body. */
  private execute<T>(
    execution: Execution,
    logCalls: boolean,
    body: (globals: Record<string, unknown>, bridge: ScriptBridge) => T,
  ): T {
    const script = this.requireScript();
    if (this.runtime.execution) {
      throw new Error('An execution is already running; run() and recalculate() cannot be nested.');
    }
    const globals: Record<string, unknown> = {};
    const context = vm.createContext(globals, { codeGeneration: { strings: true, wasm: false } });
    const realm = vm.runInContext('({ Array, Date, Error, Object })', context) as RealmIntrinsics;
    const bridge = new ScriptBridge(
      realm,
      (typeName, method) => {
        if (logCalls) this.calls.push(`${typeName}.${method}`);
        checkCallAllowed(execution.authMode, typeName, method);
        this.checkScopes(typeName, method);
      },
      (error) => {
        execution.emulatorError ??= error;
      },
    );
    for (const name of SERVICE_NAMES) {
      globals[name] = bridge.wrap(this.services[name] as ScriptObject);
    }
    this.runtime.execution = execution;
    try {
      script.runInContext(context);
      const result = body(globals, bridge);
      // An emulator error (an unanswered dialog) ends the run even if the script caught it.
      if (execution.emulatorError) throw execution.emulatorError;
      return result;
    } catch (error) {
      throw execution.emulatorError ?? toHostError(error);
    } finally {
      // Locks end with the execution that took them.
      execution.heldLocks.clear();
      this.runtime.execution = null;
    }
  }
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return new EmulatorImpl(options);
}
