// Takes the person to a problem: opens its section (and its rule), then focuses the field it names.
import { app, hooks, view } from './context';
import type { LocatedProblem } from './problems';

export function goTo(located: LocatedProblem): void {
  const item = located.items[0];
  if (item?.startsWith('rule:')) app.expandedRule = Number(item.slice(5));
  app.open.add(located.section);
  hooks.renderAll();
  const key = located.keys[0];
  const slot = key
    ? (view.slots.get(key) ?? view.slots.get(`${key.slice(0, key.lastIndexOf(':'))}:*`))
    : undefined;
  const target = slot?.input ?? view.root?.querySelector<HTMLElement>(`#section-${located.section} summary`);
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}
