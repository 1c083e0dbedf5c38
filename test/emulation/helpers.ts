// Emulators for the emulation's own tests: by default the script has every scope the emulation knows, so a
// test about something else is not stopped by the scope check (test/emulation/strict-scopes.test.ts tests it).
import { createEmulator, type Emulator, type EmulatorOptions, SCOPE } from '../../src/emulation';

export const ALL_SCOPES_MANIFEST = { timeZone: 'Etc/UTC', oauthScopes: Object.values(SCOPE) };

export function testEmulator(options: EmulatorOptions = {}): Emulator {
  return createEmulator({ manifest: ALL_SCOPES_MANIFEST, ...options });
}
