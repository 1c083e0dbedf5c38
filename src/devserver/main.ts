// `npm start`: the add-on running locally against the Apps Script emulation, in your browser.
// Stops cleanly on Ctrl+C (SIGINT) and SIGTERM: the server closes, then the process exits.
import { join } from 'node:path';
import { startLocalPage } from './server';

const port = Number(process.env.PORT ?? 8080);
const page = await startLocalPage({
  distDir: join(import.meta.dirname, '..', '..', 'dist'),
  port,
  setup: ['insertStarterModel'],
});
console.log(`Lead Scoring for Sheets is running locally (Apps Script emulation, no Google account involved).
Open ${page.url} in your browser. The starter model, 200 sample leads and their activity log are loaded.
Press Ctrl+C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    page.close().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
