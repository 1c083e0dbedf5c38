// The local page around the sidebar: the add-on menu, the sheets as tables (click a cell to edit it), toasts
// and alerts, and the sidebar in a 300-pixel frame, as in Sheets.
export const SHELL_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Lead Scoring for Sheets — local</title>
<style>
  body { margin: 0; font: 13px Roboto, Arial, sans-serif; display: grid; grid-template-columns: 1fr 300px; height: 100vh; }
  header { grid-column: 1 / 3; padding: 6px 10px; background: #f8f9fa; border-bottom: 1px solid #dadce0; display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
  header strong { margin-right: 8px; }
  main { overflow: auto; padding: 0 0 40px; }
  aside { border-left: 1px solid #dadce0; }
  aside iframe { border: 0; width: 300px; height: 100%; }
  nav { position: sticky; top: 0; background: #fff; padding: 6px; border-bottom: 1px solid #dadce0; display: flex; gap: 4px; flex-wrap: wrap; }
  nav button[aria-pressed=true] { background: #d3e3fd; }
  table { border-collapse: collapse; }
  td, th { border: 1px solid #e0e0e0; padding: 2px 6px; max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  th { background: #f1f3f4; font-weight: normal; color: #5f6368; }
  td.formula { background: #e6f4ea; }
  #toast { position: fixed; left: 12px; bottom: 12px; background: #323232; color: #fff; padding: 8px 12px; border-radius: 4px; display: none; max-width: 60vw; }
  body { grid-template-rows: auto 1fr; }
</style>
</head>
<body>
<header><strong>Lead Scoring for Sheets (local emulation)</strong><span id="menu"></span></header>
<main><nav id="tabs"></nav><div id="grid"></div></main>
<aside><iframe id="sidebar" title="Lead Scoring sidebar" src="/sidebar"></iframe></aside>
<div id="toast" role="status"></div>
<script>
  let current = null;
  let toastsSeen = 0;
  let lastActive = null;
  const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };
  async function post(path, body) {
    const reply = await (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    if (!reply.ok) alert(reply.error);
    await refresh();
  }
  function column(n) { let s = ''; while (n > 0) { const r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26); } return s; }
  async function refresh() {
    const state = await (await fetch('/state')).json();
    const menu = document.getElementById('menu'); menu.replaceChildren();
    for (const m of state.menus) for (const item of m.entries || []) {
      if (!item || !item.functionName) continue;
      const b = el('button', item.caption); b.onclick = () => post('/menu', { functionName: item.functionName }); menu.append(b);
    }
    const tabs = document.getElementById('tabs'); tabs.replaceChildren();
    // Follow the add-on when it activates a sheet (e.g. Calibration), as Sheets does.
    if (state.activeSheet !== lastActive) { current = state.activeSheet; lastActive = state.activeSheet; }
    if (!current || !state.sheets.some(s => s.name === current)) current = state.sheets[0] && state.sheets[0].name;
    for (const s of state.sheets) {
      const b = el('button', s.name); b.setAttribute('aria-pressed', String(s.name === current));
      b.onclick = () => { current = s.name; refresh(); }; tabs.append(b);
    }
    const sheet = state.sheets.find(s => s.name === current);
    const table = el('table');
    if (sheet) {
      const head = el('tr'); head.append(el('th', ''));
      const width = Math.max(0, ...sheet.values.map(r => r.length));
      for (let c = 1; c <= width; c++) head.append(el('th', column(c)));
      table.append(head);
      sheet.values.forEach((row, r) => {
        const tr = el('tr'); tr.append(el('th', String(r + 1)));
        row.forEach((v, c) => {
          const td = el('td', v); const f = sheet.formulas[r][c];
          td.title = f ? f + ' → ' + v : v;
          if (f) td.className = 'formula';
          td.ondblclick = () => { const a1 = column(c + 1) + (r + 1); const value = prompt(sheet.name + '!' + a1, f || v); if (value !== null) post('/cell', { sheet: sheet.name, a1, value }); };
          tr.append(td);
        });
        table.append(tr);
      });
    }
    document.getElementById('grid').replaceChildren(table);
    const toast = state.toasts[state.toasts.length - 1];
    const box = document.getElementById('toast');
    const fresh = state.toastCount > toastsSeen; toastsSeen = state.toastCount;
    if (fresh && toast && toast.message) { box.textContent = toast.message; box.style.display = 'block'; setTimeout(() => box.style.display = 'none', 4000); }
  }
  refresh();
  setInterval(refresh, 5000);
</script>
</body>
</html>
`;
