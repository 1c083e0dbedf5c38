/**
 * HtmlService: HTML outputs for sidebars and dialogs.
 * https://developers.google.com/apps-script/reference/html/html-service
 * https://developers.google.com/apps-script/reference/html/html-output
 */
import { type EnumValue, enumName, SandboxMode, XFrameOptionsMode } from './enums.js';
import { SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

export class HtmlOutput extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'HtmlOutput';
  }

  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  private sandboxMode: EnumValue = SandboxMode.IFRAME;
  private xFrameOptionsMode: EnumValue = XFrameOptionsMode.DEFAULT;
  private readonly metaTags: { name: string; content: string }[] = [];

  constructor(private content: string) {
    super();
  }

  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  /** Only IFRAME exists now; older modes are accepted and ignored by Google, recorded here. */
  setSandboxMode(mode: EnumValue): this {
    const value = SandboxMode[enumName(mode) as keyof typeof SandboxMode];
    if (!value) throw new ScriptException(`Invalid argument: mode (${String(mode)})`);
    this.sandboxMode = value;
    return this;
  }
  getSandboxMode(): EnumValue {
    return this.sandboxMode;
  }
  setXFrameOptionsMode(mode: EnumValue): this {
    const value = XFrameOptionsMode[enumName(mode) as keyof typeof XFrameOptionsMode];
    if (!value) throw new ScriptException(`Invalid argument: mode (${String(mode)})`);
    this.xFrameOptionsMode = value;
    return this;
  }
  getXFrameOptionsMode(): EnumValue {
    return this.xFrameOptionsMode;
  }
  addMetaTag(name: string, content: string): this {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): { name: string; content: string }[] {
    return this.metaTags.map((tag) => ({ ...tag }));
  }
}

export class HtmlServiceImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'HtmlService';
  }

  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(private readonly htmlFiles: Record<string, string>) {
    super();
  }

  createHtmlOutput(html?: string): HtmlOutput {
    return new HtmlOutput(html === undefined ? '' : String(html));
  }

  /** The file name may be given with or without ".html", as in the script editor. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const name = String(filename).replace(/\.html$/, '');
    const content = this.htmlFiles[name];
    if (content === undefined) throw new ScriptException(`No HTML file named ${name} was found.`);
    return new HtmlOutput(content);
  }
}
