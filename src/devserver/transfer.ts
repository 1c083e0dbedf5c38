// google.script.run carries only primitives, plain objects and arrays of them; a Date (even nested) makes the
// call fail, and `undefined` inside an array becomes null.
// https://developers.google.com/apps-script/guides/html/reference/run#parameters
// https://developers.google.com/apps-script/guides/html/communication#parameters_and_return_values

/** Throws, like google.script.run, when `value` holds something it cannot carry. Works across vm realms. */
export function assertTransferable(value: unknown, path = 'value'): void {
  const kind = Object.prototype.toString.call(value);
  if (value === null || value === undefined) return;
  if (['string', 'number', 'boolean'].includes(typeof value)) return;
  if (kind === '[object Date]')
    throw new Error(`${path} is a Date, which google.script.run cannot carry: send ISO text`);
  if (typeof value === 'function')
    throw new Error(`${path} is a function, which google.script.run cannot carry`);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) assertTransferable(item, `${path}[${i}]`);
    return;
  }
  if (kind === '[object Object]') {
    for (const [key, item] of Object.entries(value)) assertTransferable(item, `${path}.${key}`);
    return;
  }
  throw new Error(`${path} (${kind}) cannot be carried by google.script.run`);
}

/** What arrives on the other side: a JSON-like copy (undefined in arrays → null, undefined keys dropped). */
export function transfer<T>(value: T): T {
  assertTransferable(value);
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
