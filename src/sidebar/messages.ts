// Messages: what happened after an action, announced to screen readers, and confirmations.
import type { Problem } from '../core/model';
import { app, type MessagePlace, view } from './context';
import { clear, h } from './dom';
import { button } from './fields';

/** The problem with its place, once: messages read from the model sheet already start with their cell. */
export function problemText(problem: Problem): string {
  return problem.where && !problem.message.startsWith(problem.where)
    ? `${problem.where}: ${problem.message}`
    : problem.message;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Runs `run` now, or after the user confirms (beside the button, at `place`) when it would throw away
 *  unsaved edits. */
export function confirmDiscard(text: string, label: string, run: () => void, place: MessagePlace): void {
  if (!app.evaluation?.dirty) {
    run();
    return;
  }
  confirmAction(text, label, run, place);
}

/** Asks in the sidebar, beside the button at `place`, before `run`. */
export function confirmAction(
  text: string,
  label: string,
  run: () => void,
  place: MessagePlace,
  details?: string[],
): void {
  app.message = {
    kind: 'warning',
    place,
    text,
    details,
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
  view.messageBoxes.get(place)?.querySelector<HTMLButtonElement>('button')?.focus();
}

/** An empty message box for `place`, filled by renderMessage when the message belongs there. */
export function messageBox(place: MessagePlace): HTMLElement {
  const box = h('div', { class: 'message', testid: `message-${place}`, attrs: { hidden: true } });
  view.messageBoxes.set(place, box);
  return box;
}

/** Shows the message in the box of its place (the top one when that place is not on screen), and announces
 *  it once through the live region outside the re-rendered editor. */
export function renderMessage(): void {
  for (const box of view.messageBoxes.values()) {
    clear(box);
    box.hidden = true;
  }
  const message = app.message;
  if (!message) return;
  const box = view.messageBoxes.get(message.place) ?? view.messageBoxes.get('top');
  if (!box) return;
  box.hidden = false;
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
  // A confirmation has its own Cancel.
  const asks = (message.actions ?? []).some((action) => action.testid === 'cancel');
  if (!asks)
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
