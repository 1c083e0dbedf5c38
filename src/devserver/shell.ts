// The local page around the sidebar (page.html): the add-on menu, the sheets as Sheets draws them (colours,
// conditional formats, checkboxes, wrapped text, charts), the add-on's dialogs and toasts, CSV import and
// download, row insertion and deletion, and the sidebar in a 300-pixel frame, as in Sheets.
import { readFileSync } from 'node:fs';

export const SHELL_PAGE = readFileSync(new URL('./page.html', import.meta.url), 'utf8');
