// Which sheet the add-on takes as the leads: never one of its own sheets, never the activity log.
import { describe, expect, it } from 'vitest';
import { addonWithStarter } from '../support/addon';

describe('the leads sheet', () => {
  it('is not the activity log, even when the user opened the sidebar on it', () => {
    const emulator = addonWithStarter();
    const log = emulator.spreadsheet.insertSheet('Activities');
    log.getRange(1, 1, 3, 3).setValues([
      ['Lead email', 'Activity', 'Date'],
      ['a@example.com', 'Visited pricing page', '2026-06-01'],
      ['b@example.com', 'Email opened', '2026-06-02'],
    ]);
    emulator.spreadsheet.activateSheet('Activities');
    const state = emulator.run('getSidebarState', [], 'FULL') as { data: { sheetName: string } | null };
    expect(state.data?.sheetName).toBe('Sample leads');
  });
});
