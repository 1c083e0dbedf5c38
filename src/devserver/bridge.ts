// The browser side of google.script.run for the local sidebar: an asynchronous runner, like Google's, whose
// calls go to the dev server, which runs them in the Apps Script emulation.
// https://developers.google.com/apps-script/guides/html/reference/run

/** A script to inject before the sidebar's own script. */
export const GOOGLE_SCRIPT_RUN_BRIDGE = `
(function () {
  var MAX_IN_FLIGHT = 10; // google.script.run allows at most 10 concurrent calls
  var inFlight = 0;
  function isDate(v) { return Object.prototype.toString.call(v) === '[object Date]'; }
  function check(v, path) {
    if (v === null || v === undefined || typeof v !== 'object') {
      if (typeof v === 'function') throw new Error(path + ' is a function, which google.script.run cannot carry');
      return;
    }
    if (isDate(v)) throw new Error(path + ' is a Date, which google.script.run cannot carry: send ISO text');
    Object.keys(v).forEach(function (k) { check(v[k], path + '.' + k); });
  }
  function runner(success, failure, userObject) {
    return new Proxy({}, {
      get: function (_t, name) {
        if (name === 'withSuccessHandler') return function (h) { return runner(h, failure, userObject); };
        if (name === 'withFailureHandler') return function (h) { return runner(success, h, userObject); };
        if (name === 'withUserObject') return function (o) { return runner(success, failure, o); };
        if (typeof name !== 'string') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) {
            var error = new Error(message);
            if (failure) setTimeout(function () { failure(error, userObject); }, 0);
            else console.error(error);
          };
          try { check(args, 'argument'); } catch (e) { fail(e.message); return; }
          if (inFlight >= MAX_IN_FLIGHT) { fail('Too many google.script.run calls in flight'); return; }
          inFlight++;
          fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: name, args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (reply) {
              inFlight--;
              if (reply.ok) { if (success) success(reply.value, userObject); }
              else fail(reply.error);
            }, function (e) { inFlight--; fail(String(e)); });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close: function () {} } } };
})();
`;

/** The sidebar HTML with the bridge injected before its first script. */
export function withBridge(sidebarHtml: string): string {
  return sidebarHtml.replace('<script>', `<script>${GOOGLE_SCRIPT_RUN_BRIDGE}</script>\n    <script>`);
}
