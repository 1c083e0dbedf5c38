/**
 * ScriptApp and Charts: the parts an editor add-on uses (their enums).
 * https://developers.google.com/apps-script/reference/script/script-app
 * https://developers.google.com/apps-script/reference/charts/charts
 */
import { AuthMode, ChartType, type EnumValue, Position } from './enums.js';
import { EmulatorError, type Runtime, SCRIPT_TYPE, ScriptObject } from './runtime.js';

export class ScriptAppImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'ScriptApp';
  }

  readonly AuthMode = AuthMode;

  constructor(private readonly runtime: Runtime) {
    super();
  }

  getScriptId(): string {
    return 'emulated-script-id';
  }

  /** Triggers are not emulated; the scope check (script.scriptapp) runs before these. */
  getProjectTriggers(): never {
    throw new EmulatorError('ScriptApp.getProjectTriggers is not emulated (see docs/emulation.md).');
  }

  getUserTriggers(..._args: unknown[]): never {
    throw new EmulatorError('ScriptApp.getUserTriggers is not emulated (see docs/emulation.md).');
  }

  newTrigger(..._args: unknown[]): never {
    throw new EmulatorError('ScriptApp.newTrigger is not emulated (see docs/emulation.md).');
  }

  deleteTrigger(..._args: unknown[]): never {
    throw new EmulatorError('ScriptApp.deleteTrigger is not emulated (see docs/emulation.md).');
  }

  /** Not an Apps Script method on Google; handy for diagnostics. */
  getCurrentAuthMode(): EnumValue {
    return AuthMode[this.runtime.authMode];
  }
}

export class ChartsImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Charts';
  }

  readonly ChartType = ChartType;
  readonly Position = Position;
}
