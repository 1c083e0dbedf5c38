// A rebuild of the editor that waits for the user's gesture to finish. A text field's "change" fires while
// focus is leaving it (a click elsewhere, Tab): rebuilding right then would put focus back into the field
// (the next keystrokes land there) and replace the element under a pressed mouse button (the click is lost).
// So the rebuild runs once focus has moved and the button is up; render() then restores focus by id.
import { hooks } from './context';

let pressed = false;
let pending = false;

function run(): void {
  if (!pending || pressed) return;
  pending = false;
  hooks.renderAll();
}

if (typeof document !== 'undefined') {
  document.addEventListener(
    'pointerdown',
    () => {
      pressed = true;
    },
    true,
  );
  const release = () => {
    pressed = false;
    // After the click that follows this pointerup (same task), so that the click reaches its target.
    if (pending) setTimeout(run, 0);
  };
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
}

export function renderAfterFocusMoves(): void {
  pending = true;
  setTimeout(run, 0);
}
