// The local page answers only itself. A web page from anywhere else can send requests to 127.0.0.1 (a plain
// cross-origin POST needs no permission), and a DNS-rebinding site reaches it under its own host name; so:
// - the Host header must be the server's own address (127.0.0.1:PORT or localhost:PORT): a rebinding site
//   sends its own name;
// - an Origin header, when the browser sends one, must be the page's own;
// - every state-changing call (POST) carries a token made for this run and written into the page, which
//   another site can neither read nor guess.
// https://developer.mozilla.org/en-US/docs/Web/Security/Attacks/CSRF
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-leadscore-token';

export interface RequestGuard {
  /** The run's token, as written into the page. */
  readonly token: string;
  /** Why the request is refused, or undefined when it may be answered. */
  refusal(request: IncomingMessage): string | undefined;
  /** The page with the token and a fetch that sends it on the page's own calls. */
  withToken(html: string): string;
}

export function requestGuard(port: () => number): RequestGuard {
  const token = randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const hosts = () => [`127.0.0.1:${port()}`, `localhost:${port()}`];
  return {
    token,
    refusal(request) {
      const host = (request.headers.host ?? '').toLowerCase();
      if (!hosts().includes(host))
        return `refused: this local page answers only requests to ${hosts().join(' or ')}, not to "${host}"`;
      const origin = request.headers.origin;
      if (origin !== undefined && !hosts().some((allowed) => origin.toLowerCase() === `http://${allowed}`))
        return `refused: a request from the page at ${origin}; only the local page itself may call it`;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const sent = Buffer.from(String(request.headers[TOKEN_HEADER] ?? ''));
        if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
          return 'refused: this call needs the token of the local page (reload the page)';
      }
      return undefined;
    },
    withToken(html) {
      // Into the page's first script, which runs before any other (no extra script element).
      return html.replace('<script>', `<script>${tokenScript(token)}\n`);
    },
  };
}

/** Adds the token header to the page's own POSTs (relative URLs or this origin), before any other script. */
function tokenScript(token: string): string {
  return `(function () {
  var token = ${JSON.stringify(token)};
  var send = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.origin !== location.origin) return send(input, init);
    init = Object.assign({}, init);
    var headers = new Headers(init.headers || (typeof input === 'string' ? undefined : input.headers));
    headers.set(${JSON.stringify(TOKEN_HEADER)}, token);
    init.headers = headers;
    return send(input, init);
  };
})();`;
}
