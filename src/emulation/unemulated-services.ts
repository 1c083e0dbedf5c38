/**
 * Services the add-on must not need, present only so that a call to them fails like on Google when the
 * manifest lacks their scope (the scope check runs before the call: scopes.ts), and otherwise fails
 * plainly as "not emulated" instead of passing silently.
 * https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app
 * https://developers.google.com/apps-script/reference/mail/mail-app
 * https://developers.google.com/apps-script/reference/drive/drive-app
 */
import { EmulatorError, SCRIPT_TYPE, ScriptObject } from './runtime.js';

function notEmulated(qualified: string): never {
  throw new EmulatorError(`${qualified} is not emulated (see docs/emulation.md).`);
}

export class UrlFetchAppStub extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'UrlFetchApp';
  }
  fetch(..._args: unknown[]): never {
    return notEmulated('UrlFetchApp.fetch');
  }
  fetchAll(..._args: unknown[]): never {
    return notEmulated('UrlFetchApp.fetchAll');
  }
  getRequest(..._args: unknown[]): never {
    return notEmulated('UrlFetchApp.getRequest');
  }
}

export class MailAppStub extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'MailApp';
  }
  sendEmail(..._args: unknown[]): never {
    return notEmulated('MailApp.sendEmail');
  }
  getRemainingDailyQuota(): never {
    return notEmulated('MailApp.getRemainingDailyQuota');
  }
}

export class DriveAppStub extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'DriveApp';
  }
  getFileById(..._args: unknown[]): never {
    return notEmulated('DriveApp.getFileById');
  }
  getFolderById(..._args: unknown[]): never {
    return notEmulated('DriveApp.getFolderById');
  }
  getFiles(): never {
    return notEmulated('DriveApp.getFiles');
  }
  getRootFolder(): never {
    return notEmulated('DriveApp.getRootFolder');
  }
  createFile(..._args: unknown[]): never {
    return notEmulated('DriveApp.createFile');
  }
  createFolder(..._args: unknown[]): never {
    return notEmulated('DriveApp.createFolder');
  }
}
