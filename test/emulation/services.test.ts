import { describe, expect, it } from 'vitest';
import {
  createEmulator,
  MAX_PROPERTY_STORE_BYTES,
  MAX_PROPERTY_VALUE_BYTES,
  SandboxMode,
} from '../../src/emulation/index.js';

describe('PropertiesService', () => {
  it('stores strings per store and returns copies', () => {
    const emulator = createEmulator();
    emulator.loadScript(`
      function save() {
        var props = PropertiesService.getDocumentProperties();
        props.setProperty('model', JSON.stringify({ version: 2 })).setProperty('count', 3);
        PropertiesService.getUserProperties().setProperties({ theme: 'dark' });
        var copy = props.getProperties();
        copy.model = 'changed';
        return [props.getProperty('model'), props.getProperty('count'), props.getProperty('missing'), props.getKeys().sort()];
      }
    `);
    expect(emulator.run('save')).toEqual(['{"version":2}', '3', null, ['count', 'model']]);
    const { PropertiesService } = emulator.services;
    expect(PropertiesService.getScriptProperties().getKeys()).toEqual([]);
    expect(PropertiesService.getUserProperties().getProperty('theme')).toBe('dark');
    PropertiesService.getDocumentProperties().deleteProperty('count');
    expect(PropertiesService.getDocumentProperties().getKeys()).toEqual(['model']);
    PropertiesService.getDocumentProperties().deleteAllProperties();
    expect(PropertiesService.getDocumentProperties().getProperties()).toEqual({});
  });

  it('refuses a value over 9 KB', () => {
    const props = createEmulator().services.PropertiesService.getDocumentProperties();
    props.setProperty('fits', 'x'.repeat(MAX_PROPERTY_VALUE_BYTES));
    expect(() => props.setProperty('big', 'x'.repeat(MAX_PROPERTY_VALUE_BYTES + 1))).toThrow(
      'Argument too large: value',
    );
    expect(props.getProperty('big')).toBeNull();
  });

  it('refuses to grow a store past 500 KB and keeps it unchanged', () => {
    const props = createEmulator().services.PropertiesService.getScriptProperties();
    const chunk = 'x'.repeat(9000);
    let stored = 0;
    expect(() => {
      for (; stored < 100; stored += 1) props.setProperty(`key${stored}`, chunk);
    }).toThrow('You have exceeded the property storage quota.');
    expect(stored).toBe(Math.floor(MAX_PROPERTY_STORE_BYTES / 9005));
    expect(props.getKeys()).toHaveLength(stored);
  });
});

describe('LockService', () => {
  const SCRIPT = `
    function tryIt() {
      var lock = LockService.getDocumentLock();
      var got = lock.tryLock(5000);
      return [got, lock.hasLock()];
    }
    function waitIt() {
      LockService.getDocumentLock().waitLock(5000);
      return 'locked';
    }
    function scriptLock() { return LockService.getScriptLock().tryLock(10); }
  `;

  it('acquires a free lock', () => {
    const emulator = createEmulator();
    emulator.loadScript(SCRIPT);
    expect(emulator.run('tryIt')).toEqual([true, true]);
    expect(emulator.run('waitIt')).toBe('locked');
  });

  it('fails while another user holds the document lock', () => {
    const emulator = createEmulator();
    emulator.loadScript(SCRIPT);
    emulator.holdDocumentLock(true);
    expect(emulator.run('tryIt')).toEqual([false, false]);
    expect(() => emulator.run('waitIt')).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(emulator.run('scriptLock')).toBe(true);
    emulator.holdDocumentLock(false);
    expect(emulator.run('tryIt')).toEqual([true, true]);
  });
});

describe('CacheService', () => {
  it('expires entries by the emulator clock', () => {
    let now = 1_000_000;
    const cache = createEmulator({ clock: () => now }).services.CacheService.getScriptCache();
    cache.put('short', 'a', 10);
    cache.put('default', 'b');
    now += 10_000;
    expect(cache.get('short')).toBeNull();
    expect(cache.getAll(['short', 'default', 'missing'])).toEqual({ default: 'b' });
    now += 590_000;
    expect(cache.get('default')).toBeNull();
  });

  it('enforces value, key and expiry limits', () => {
    const cache = createEmulator().services.CacheService.getDocumentCache();
    expect(() => cache.put('k', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v', 21601)).toThrow('expirationInSeconds');
    cache.putAll({ a: '1', b: '2' }, 21600);
    cache.removeAll(['a']);
    expect(cache.getAll(['a', 'b'])).toEqual({ b: '2' });
  });
});

describe('Session, Utilities, Logger, HtmlService', () => {
  it('reports the active user, time zone and a stable temporary key', () => {
    const emulator = createEmulator({ activeUser: 'ana@example.com', timeZone: 'Europe/Paris' });
    const { Session } = emulator.services;
    expect(Session.getActiveUser().getEmail()).toBe('ana@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('ana@example.com');
    expect(Session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(Session.getTemporaryActiveUserKey()).toBe(Session.getTemporaryActiveUserKey());
    const other = createEmulator({ activeUser: 'bo@example.com' }).services.Session;
    expect(other.getTemporaryActiveUserKey()).not.toBe(Session.getTemporaryActiveUserKey());
  });

  it('formats dates with SimpleDateFormat patterns in a time zone', () => {
    const { Utilities } = createEmulator().services;
    const date = new Date('2024-07-04T21:05:09.123Z');
    expect(Utilities.formatDate(date, 'Etc/UTC', "yyyy-MM-dd'T'HH:mm:ss.SSS")).toBe(
      '2024-07-04T21:05:09.123',
    );
    expect(Utilities.formatDate(date, 'America/Los_Angeles', 'yyyy-MM-dd HH:mm Z')).toBe(
      '2024-07-04 14:05 -0700',
    );
    expect(Utilities.formatDate(date, 'Asia/Tokyo', 'EEE d MMM yy, h:mm a')).toBe('Fri 5 Jul 24, 6:05 AM');
    expect(() => Utilities.formatDate(date, 'Not/AZone', 'yyyy')).toThrow('Invalid argument: timeZone');
  });

  it('makes UUIDs and sleeps without waiting', () => {
    const { Utilities } = createEmulator().services;
    expect(Utilities.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    Utilities.sleep(1000);
    expect(Utilities.sleeps).toEqual([1000]);
    expect(() => Utilities.sleep(300_001)).toThrow('Invalid argument: milliseconds');
  });

  it('collects Logger and console output', () => {
    const emulator = createEmulator();
    emulator.loadScript(
      `function log() { Logger.log('Scored %s leads', 12); console.warn('slow', { ms: 5 }); }`,
    );
    emulator.run('log');
    expect(emulator.logs).toEqual(['Scored 12 leads', '[warn] slow {"ms":5}']);
  });

  it('builds HTML outputs with title, size and sandbox mode', () => {
    const { HtmlService } = createEmulator().services;
    const output = HtmlService.createHtmlOutput('<b>x</b>')
      .setTitle('Model')
      .setWidth(320)
      .setSandboxMode(SandboxMode.IFRAME)
      .append('<i>y</i>');
    expect([output.getTitle(), output.getWidth(), output.getContent()]).toEqual([
      'Model',
      320,
      '<b>x</b><i>y</i>',
    ]);
    expect(output.getSandboxMode()).toBe(SandboxMode.IFRAME);
  });
});
