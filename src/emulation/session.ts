/**
 * Session: who is running the script and in which time zone.
 * https://developers.google.com/apps-script/reference/base/session
 */
import { createHash } from 'node:crypto';
import { type Runtime, SCRIPT_TYPE, ScriptObject } from './runtime.js';

/** https://developers.google.com/apps-script/reference/base/user */
export class User extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'User';
  }

  constructor(private readonly email: string) {
    super();
  }

  getEmail(): string {
    return this.email;
  }
}

export class SessionImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Session';
  }

  constructor(private readonly runtime: Runtime) {
    super();
  }

  /**
   * The user at the keyboard. Google returns a blank email where it may not reveal it, which
   * includes custom functions (they run anonymously:
   * https://developers.google.com/apps-script/guides/sheets/functions#advanced).
   */
  getActiveUser(): User {
    const email = this.runtime.authMode === 'CUSTOM_FUNCTION' ? '' : this.runtime.options.activeUser;
    return new User(email);
  }

  /** An add-on runs as the user who invoked it. (Refused in custom functions by the auth policy.) */
  getEffectiveUser(): User {
    return new User(this.runtime.options.activeUser);
  }

  getScriptTimeZone(): string {
    return this.runtime.options.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    return 'en';
  }

  /** A stable, opaque key per user and script (here: per emulated user). */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`temporary-key:${this.runtime.options.activeUser}`)
      .digest('base64url');
  }
}
