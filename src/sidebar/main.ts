import { callServer } from './rpc';

async function start(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) return;
  const status = app.querySelector('p');
  try {
    const state = await callServer('getSidebarState');
    if (status) status.textContent = state.model ? `Model: ${state.model.name}` : 'No model yet.';
  } catch (error) {
    if (status) {
      status.className = 'error';
      status.textContent = (error as Error).message;
    }
  }
}

void start();
