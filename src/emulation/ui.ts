/**
 * The spreadsheet UI: menus, sidebars, dialogs, alerts, prompts and toasts, recorded for tests.
 * https://developers.google.com/apps-script/reference/base/ui
 * https://developers.google.com/apps-script/reference/base/menu
 */
import { Button, ButtonSet, type EnumValue, enumName } from './enums.js';
import type { HtmlOutput } from './html-service.js';
import { EmulatorError, SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; entries: MenuEntry[] };

export interface RecordedMenu {
  caption: string;
  /** True for the menu built with createAddonMenu() (shown under Extensions > add-on name). */
  isAddonMenu: boolean;
  entries: MenuEntry[];
  /** The [caption, functionName] pairs of the menu and its submenus, in order. */
  items: [caption: string, functionName: string][];
}

export interface RecordedSidebar {
  title: string;
  width: number | null;
  html: string;
}

export interface RecordedDialog {
  title: string;
  width: number | null;
  height: number | null;
  html: string;
  modal: boolean;
}

export interface RecordedAlert {
  title: string;
  prompt: string;
  /** Name of the ButtonSet shown: 'OK', 'OK_CANCEL', 'YES_NO' or 'YES_NO_CANCEL'. */
  buttons: string;
  /** Name of the Button the emulated user pressed. */
  response: string;
}

export interface RecordedPrompt extends RecordedAlert {
  responseText: string;
}

export interface RecordedToast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';

/** What the user sees in an alert or prompt; `buttons` is the ButtonSet name. */
export interface DialogRequest {
  kind: 'alert' | 'prompt';
  title: string;
  message: string;
  buttons: 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';
}

/** The user's answer: a button of the set (CLOSE, the title-bar close, is always possible) and prompt text. */
export interface DialogAnswer {
  button: ButtonName;
  text?: string;
}

/** Called synchronously while the script waits in Ui.alert/Ui.prompt, as the user's browser would block it. */
export type DialogAnswerer = (dialog: DialogRequest) => DialogAnswer;

/**
 * Ui.alert/Ui.prompt with neither a queued answer nor an answerDialog handler: the emulator never answers
 * for the user (on Google the script waits until the user clicks).
 */
export class UnansweredDialogError extends EmulatorError {
  override name = 'UnansweredDialogError';
  constructor(readonly dialog: DialogRequest) {
    super(
      `Nobody answered Ui.${dialog.kind}(${JSON.stringify(dialog.title)}, ${JSON.stringify(dialog.message)}, ` +
        `ButtonSet.${dialog.buttons}): queue an answer with emulator.ui.queue${dialog.kind === 'alert' ? 'Alert' : 'Prompt'}Response(...) ` +
        'or pass createEmulator({ answerDialog }).',
    );
  }
}

export interface UiLog {
  readonly menus: readonly RecordedMenu[];
  readonly sidebars: readonly RecordedSidebar[];
  readonly dialogs: readonly RecordedDialog[];
  readonly alerts: readonly RecordedAlert[];
  readonly prompts: readonly RecordedPrompt[];
  readonly toasts: readonly RecordedToast[];
  /** The button the user will press on the next alert (must belong to the alert's ButtonSet, or CLOSE). */
  queueAlertResponse(button: ButtonName): void;
  /** The text and button for the next Ui.prompt (default button: the set's first). */
  queuePromptResponse(responseText: string, button?: ButtonName): void;
  /** Answers still queued (a test can assert that every expected dialog was shown). */
  readonly pendingResponses: number;
  /** Forgets everything recorded (queued responses stay). */
  clear(): void;
}

export class UiLogImpl implements UiLog {
  readonly menus: RecordedMenu[] = [];
  readonly sidebars: RecordedSidebar[] = [];
  readonly dialogs: RecordedDialog[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly prompts: RecordedPrompt[] = [];
  readonly toasts: RecordedToast[] = [];
  /** @internal */
  readonly alertResponses: ButtonName[] = [];
  /** @internal */
  readonly promptResponses: { text: string; button: ButtonName | undefined }[] = [];
  /** @internal set by the emulator from EmulatorOptions.answerDialog */
  answerDialog: DialogAnswerer | null = null;

  get pendingResponses(): number {
    return this.alertResponses.length + this.promptResponses.length;
  }

  queueAlertResponse(button: ButtonName): void {
    if (!(button in Button)) throw new Error(`Unknown button: ${button}`);
    this.alertResponses.push(button);
  }

  queuePromptResponse(responseText: string, button?: ButtonName): void {
    this.promptResponses.push({ text: responseText, button });
  }

  clear(): void {
    for (const list of [this.menus, this.sidebars, this.dialogs, this.alerts, this.prompts, this.toasts]) {
      list.length = 0;
    }
  }
}

const BUTTONS_OF_SET: Record<string, ButtonName[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/** A button outside the dialog's set cannot be pressed: the emulator refuses such an answer. */
function checkButton(button: string, request: DialogRequest): asserts button is ButtonName {
  if (!BUTTONS_OF_SET[request.buttons]!.includes(button as ButtonName)) {
    throw new EmulatorError(
      `The answer ${button} is not a button of ButtonSet.${request.buttons} (Ui.${request.kind}: ${JSON.stringify(request.message)}).`,
    );
  }
}

function flattenItems(entries: MenuEntry[]): [string, string][] {
  return entries.flatMap((entry): [string, string][] => {
    if (entry.kind === 'item') return [[entry.caption, entry.functionName]];
    if (entry.kind === 'submenu') return flattenItems(entry.entries);
    return [];
  });
}

export class Menu extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Menu';
  }

  /** @internal */
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly log: UiLogImpl,
    private readonly caption: string,
    private readonly isAddonMenu: boolean,
  ) {
    super();
  }

  addItem(caption: string, functionName: string): this {
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      throw new ScriptException(
        "The parameters don't match the method signature for Ui.Menu.addItem (caption: String, functionName: String).",
      );
    }
    this.entries.push({ kind: 'item', caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: Menu): this {
    if (!(menu instanceof Menu)) throw new ScriptException('Invalid argument: menu');
    this.entries.push({ kind: 'submenu', caption: menu.caption, entries: structuredClone(menu.entries) });
    return this;
  }

  /** Adding a menu with the same caption again replaces it, as re-running onOpen does. */
  addToUi(): void {
    const recorded: RecordedMenu = {
      caption: this.caption,
      isAddonMenu: this.isAddonMenu,
      entries: structuredClone(this.entries),
      items: flattenItems(this.entries),
    };
    const existing = this.log.menus.findIndex(
      (menu) => menu.caption === recorded.caption && menu.isAddonMenu === recorded.isAddonMenu,
    );
    if (existing >= 0) this.log.menus[existing] = recorded;
    else this.log.menus.push(recorded);
  }
}

/** https://developers.google.com/apps-script/reference/base/prompt-response */
export class PromptResponse extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'PromptResponse';
  }

  constructor(
    private readonly text: string,
    private readonly button: EnumValue,
  ) {
    super();
  }

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): EnumValue {
    return this.button;
  }
}

export class Ui extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Ui';
  }

  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly log: UiLogImpl,
    private readonly addonName: string,
  ) {
    super();
  }

  /** The add-on's menu; Sheets captions it with the add-on's name. */
  createAddonMenu(): Menu {
    return new Menu(this.log, this.addonName, true);
  }

  createMenu(caption: string): Menu {
    return new Menu(this.log, String(caption), false);
  }

  showSidebar(userInterface: HtmlOutput): void {
    this.log.sidebars.push({
      title: userInterface.getTitle(),
      width: userInterface.getWidth(),
      html: userInterface.getContent(),
    });
  }

  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.recordDialog(userInterface, title, true);
  }

  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.recordDialog(userInterface, title, false);
  }

  private recordDialog(userInterface: HtmlOutput, title: string, modal: boolean): void {
    this.log.dialogs.push({
      title: String(title),
      width: userInterface.getWidth(),
      height: userInterface.getHeight(),
      html: userInterface.getContent(),
      modal,
    });
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(...args: unknown[]): EnumValue {
    const { title, prompt, buttons } = this.dialogArguments(args, 'alert');
    const request: DialogRequest = { kind: 'alert', title, message: prompt, buttons };
    const queued = this.log.alertResponses.shift();
    const response = queued ?? this.askUser(request).button;
    checkButton(response, request);
    this.log.alerts.push({ title, prompt, buttons, response });
    return Button[response];
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons). */
  prompt(...args: unknown[]): PromptResponse {
    const { title, prompt, buttons } = this.dialogArguments(args, 'prompt');
    const request: DialogRequest = { kind: 'prompt', title, message: prompt, buttons };
    const queued = this.log.promptResponses.shift();
    const answer = queued
      ? { button: queued.button ?? BUTTONS_OF_SET[buttons]![0]!, text: queued.text }
      : this.askUser(request);
    checkButton(answer.button, request);
    const responseText = String(answer.text ?? '');
    this.log.prompts.push({ title, prompt, buttons, response: answer.button, responseText });
    return new PromptResponse(responseText, Button[answer.button]);
  }

  /** The emulated user: the answerDialog handler, called synchronously; never a default answer. */
  private askUser(request: DialogRequest): DialogAnswer {
    if (!this.log.answerDialog) throw new UnansweredDialogError(request);
    const answer = this.log.answerDialog({ ...request });
    if (typeof answer !== 'object' || answer === null || typeof answer.button !== 'string') {
      throw new EmulatorError(`answerDialog returned ${JSON.stringify(answer)}, not { button, text? }.`);
    }
    return answer;
  }

  private dialogArguments(
    args: unknown[],
    method: 'alert' | 'prompt',
  ): { title: string; prompt: string; buttons: DialogRequest['buttons'] } {
    const buttonsOf = (value: unknown): DialogRequest['buttons'] => {
      const name = enumName(value);
      if (!(name in BUTTONS_OF_SET)) throw new ScriptException(`Invalid argument: buttons (${name})`);
      return name as DialogRequest['buttons'];
    };
    if (args.length === 1) return { title: '', prompt: String(args[0]), buttons: 'OK' };
    if (args.length === 2) return { title: '', prompt: String(args[0]), buttons: buttonsOf(args[1]) };
    if (args.length === 3)
      return { title: String(args[0]), prompt: String(args[1]), buttons: buttonsOf(args[2]) };
    throw new ScriptException(`The parameters don't match the method signature for Ui.${method}.`);
  }
}
