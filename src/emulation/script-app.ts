/**
 * ScriptApp and Charts: the parts an editor add-on uses (their enums).
 * https://developers.google.com/apps-script/reference/script/script-app
 * https://developers.google.com/apps-script/reference/charts/charts
 */
import { AuthMode, ChartType, type EnumValue, Position } from './enums.js';
import { type Runtime, SCRIPT_TYPE, ScriptObject } from './runtime.js';

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
