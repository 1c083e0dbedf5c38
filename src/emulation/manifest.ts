/**
 * The project manifest (appsscript.json), the parts the emulation reads.
 * https://developers.google.com/apps-script/manifest
 * https://developers.google.com/apps-script/concepts/scopes#setting_explicit_scopes : "If you set scopes
 * explicitly, Apps Script ... uses only the scopes you specify", and a call that needs a scope not listed fails.
 */
export interface AppsScriptManifest {
  timeZone?: string;
  runtimeVersion?: string;
  exceptionLogging?: string;
  oauthScopes?: string[];
  [key: string]: unknown;
}

/**
 * The scopes a script has: exactly the manifest's oauthScopes. Without a manifest, or without oauthScopes
 * (where Google would detect scopes from the code), the emulator grants none: the stricter reading.
 */
export function grantedScopesOf(manifest: AppsScriptManifest | null): ReadonlySet<string> {
  const scopes = manifest?.oauthScopes;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string'))) {
    throw new Error('appsscript.json: oauthScopes must be an array of strings.');
  }
  return new Set(scopes ?? []);
}
