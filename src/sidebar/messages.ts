// Messages: what happened after an action, announced to screen readers, and confirmations.
import type { Problem } from '../core/model';
import { app, view } from './context';
import { clear, h } from './dom';
import { button } from './fields';

export function problemText(problem: Problem): string {
  return problem.where ? `${problem.where}: ${problem.message}` : problem.message;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function confirmDiscard(text: string, label: string, run: () => void): void {
  if (!app.evaluation?.dirty) {
    run();
    return;
  }
  app.message = {
    kind: 'warning',
    text,
    actions: [
      {
        label,
        testid: 'confirm',
        primary: true,
        run: () => {
          app.message = null;
          run();
        },
      },
      {
        label: 'Cancel',
        testid: 'cancel',
        run: () => {
          app.message = null;
          renderMessage();
        },
      },
    ],
  };
  renderMessage();
  view.message?.querySelector<HTMLButtonElement>('button')?.focus();
}

export function renderMessage(): void {
  const box = view.message;
  if (!box) return;
  clear(box);
  const message = app.message;
  box.hidden = message === null;
  if (!message) return;
  if (view.announcer && view.announced !== message) {
    view.announced = message;
    view.announcer.setAttribute('aria-live', message.kind === 'error' ? 'assertive' : 'polite');
    view.announcer.textContent = message.text;
  }
  box.className = `message ${message.kind}`;
  box.appendChild(h('p', { testid: 'message-text' }, message.text));
  if (message.details && message.details.length > 0) {
    box.appendChild(h('ul', {}, ...message.details.map((detail) => h('li', {}, detail))));
  }
  const actions = h('div', { class: 'actions' });
  for (const action of message.actions ?? []) {
    actions.appendChild(
      button(action.label, {
        testid: action.testid,
        class: action.primary ? 'primary' : 'secondary',
        action: true,
        onClick: action.run,
      }),
    );
  }
  actions.appendChild(
    button('Dismiss', {
      testid: 'dismiss',
      class: 'link',
      onClick: () => {
        app.message = null;
        renderMessage();
      },
    }),
  );
  box.appendChild(actions);
}
