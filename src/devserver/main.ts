// `npm start`: the add-on running locally against the Apps Script emulation, in your browser.
import { join } from 'node:path';
import { startDevServer } from './server';

const port = Number(process.env.PORT ?? 8080);
const server = await startDevServer({
  distDir: join(import.meta.dirname, '..', '..', 'dist'),
  port,
  seed: (emulator) => emulator.run('insertStarterModel', [], 'FULL'),
});
console.log(`Lead Scoring for Sheets is running locally (Apps Script emulation, no Google account involved).
Open ${server.url} in your browser. The starter model and 200 sample leads are loaded.
Press Ctrl+C to stop.`);
