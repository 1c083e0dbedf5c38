// The worker thread that owns the emulator when the page shows the add-on's dialogs (what `npm start` runs).
// Ui.alert and Ui.prompt are synchronous in Apps Script: the script stops until the user answers. Here the
// emulator calls answerDialog synchronously, so this thread posts the dialog to the HTTP thread and sleeps
// on a shared buffer (Atomics.wait) until the page's answer is written there. Nothing is answered for the user.
import { parentPort, workerData } from 'node:worker_threads';
import { type DialogAnswer, type DialogRequest, loadAddon } from '../emulation';
import { type Operation, perform } from './operations';
import { Workbench } from './workbench';

export interface WorkerData {
  distDir: string;
  timeZone?: string;
  activeUser?: string;
  /** Server functions to run once the add-on is loaded (e.g. insertStarterModel). */
  setup: string[];
  /** [0]: 1 when an answer is waiting; [1]: its length in bytes. */
  signal: SharedArrayBuffer;
  /** The answer as UTF-8 JSON. */
  answer: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'dialog'; dialog: DialogRequest }
  | { type: 'reply'; id: number; outcome: ReturnType<typeof perform> };

const data = workerData as WorkerData;
const port = parentPort!;
const signal = new Int32Array(data.signal);
const answerBytes = new Uint8Array(data.answer);

function answerDialog(dialog: DialogRequest): DialogAnswer {
  Atomics.store(signal, 0, 0);
  port.postMessage({ type: 'dialog', dialog: { ...dialog } } satisfies WorkerMessage);
  Atomics.wait(signal, 0, 0);
  const text = new TextDecoder().decode(answerBytes.slice(0, Atomics.load(signal, 1)));
  return JSON.parse(text) as DialogAnswer;
}

const workbench = new Workbench(
  loadAddon(data.distDir, { timeZone: data.timeZone, activeUser: data.activeUser, answerDialog }),
);
for (const name of data.setup) {
  const reply = workbench.run(name);
  if (!reply.ok) console.error(`${name}: ${reply.error}`);
}
port.on('message', (message: { id: number; operation: Operation }) => {
  port.postMessage({
    type: 'reply',
    id: message.id,
    outcome: perform(workbench, message.operation),
  } satisfies WorkerMessage);
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
