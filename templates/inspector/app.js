// The inspector page: a list of the requests omnibot received (paged from the server, never
// the whole capture), their detail, and replay / edit / curl / promote / download. Plain DOM,
// no library: every value from a request is set as text, never parsed as HTML.
'use strict';
(() => {
  const ROW = 28;
  const PAGE = 100;
  const $ = (id) => document.getElementById(id);

  // The token comes in the URL's fragment (never sent to a server); it is moved to this tab's
  // session storage and dropped from the address bar, so a shared screen or link does not show it.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('omnibot-token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem('omnibot-token') || '';

  const state = {
    filter: { event: '', verdict: '', status: '', q: '' },
    total: 0,
    count: 0,
    pages: new Map(),
    index: -1,
    detail: null,
    info: null,
    generation: 0,
  };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fatal(message) {
    const box = $('fatal');
    box.textContent = message;
    box.hidden = false;
  }

  async function api(path, options = {}) {
    const headers = { 'x-omnibot-token': token };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { ...options, headers });
    const data = await res.json().catch(() => ({ error: res.statusText }));
    if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
    return data;
  }

  function query(offset) {
    const p = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
    for (const key of ['event', 'verdict', 'status', 'q']) if (state.filter[key]) p.set(key, state.filter[key]);
    return p.toString();
  }

  function loadPage(page) {
    let promise = state.pages.get(page);
    if (!promise) {
      const generation = state.generation;
      promise = api(`/api/records?${query(page * PAGE)}`).then((data) => {
        if (generation === state.generation) {
          state.total = data.total;
          state.count = data.count;
          state.indexing = data.indexing;
        }
        return data.rows;
      });
      promise.catch(() => state.pages.delete(page));
      state.pages.set(page, promise);
    }
    return promise;
  }

  const time = (iso) => (iso || '').slice(11, 23);
  const statusClass = (s) => (s >= 200 && s < 300 ? 'ok' : s >= 400 ? 'bad' : 'warn');
  const eventText = (r) => (r.candidates ? r.candidates.join(' or ') : r.event || 'unknown');

  function rowNode(row, index) {
    const node = el(
      'div',
      {
        class: `row${index === state.index ? ' selected' : ''}`,
        role: 'option',
        'aria-selected': index === state.index ? 'true' : 'false',
        'data-n': row.n,
        onclick: () => select(index),
      },
      el('span', {}, time(row.receivedAt)),
      el('span', {}, row.method),
      el('span', { title: row.path }, row.path),
      el('span', { title: eventText(row) }, eventText(row)),
      el('span', { class: row.valid ? 'ok' : 'warn' }, row.valid ? 'valid' : 'invalid'),
      el('span', { class: statusClass(row.status) }, row.status),
      el('span', {}, Math.round(row.ms)),
      el(
        'span',
        { class: row.forward ? statusClass(row.forward.status) : 'muted' },
        row.forward ? (row.forward.error ? 'failed' : row.forward.status) : '—',
      ),
    );
    node.style.top = `${index * ROW}px`;
    return node;
  }

  let drawing = false;
  async function draw() {
    if (drawing) return void (draw.again = true);
    drawing = true;
    try {
      const viewport = $('viewport');
      const first = Math.max(0, Math.floor(viewport.scrollTop / ROW) - 5);
      const last = Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW) + 5;
      const pages = new Set([Math.floor(first / PAGE), Math.floor(last / PAGE)]);
      const loaded = new Map();
      for (const page of pages) loaded.set(page, await loadPage(page));
      const spacer = $('spacer');
      spacer.style.height = `${state.total * ROW}px`;
      const nodes = [];
      for (let i = first; i <= Math.min(last, state.total - 1); i += 1) {
        const row = loaded.get(Math.floor(i / PAGE))?.[i % PAGE];
        if (row) nodes.push(rowNode(row, i));
      }
      spacer.replaceChildren(...nodes);
      $('empty').hidden = state.total > 0;
      const shown = state.total === state.count ? `${state.count}` : `${state.total} of ${state.count}`;
      $('count').textContent = `${shown} request${state.count === 1 ? '' : 's'}${state.indexing ? ' (reading…)' : ''}`;
    } catch (err) {
      fatal(`Could not load the list: ${err.message}`);
    } finally {
      drawing = false;
      if (draw.again) {
        draw.again = false;
        void draw();
      }
    }
  }

  function refresh() {
    state.generation += 1;
    state.pages.clear();
    void draw();
  }

  async function rowAt(index) {
    const rows = await loadPage(Math.floor(index / PAGE));
    return rows[index % PAGE];
  }

  async function select(index) {
    if (index < 0 || index >= state.total) return;
    state.index = index;
    const viewport = $('viewport');
    if (index * ROW < viewport.scrollTop) viewport.scrollTop = index * ROW;
    else if ((index + 1) * ROW > viewport.scrollTop + viewport.clientHeight)
      viewport.scrollTop = (index + 1) * ROW - viewport.clientHeight;
    void draw();
    const row = await rowAt(index);
    if (row) await openDetail(row.n, false);
  }

  // --- detail -------------------------------------------------------------------------------

  function tree(value) {
    if (value === null || typeof value !== 'object') return el('span', {}, JSON.stringify(value));
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    return el(
      'ul',
      {},
      entries.map(([k, v]) =>
        el('li', {}, el('span', { class: 'key' }, `${k}: `), v !== null && typeof v === 'object' ? tree(v) : tree(v)),
      ),
    );
  }

  function table(rows) {
    return el('table', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c)))));
  }

  function section(title, ...content) {
    return [el('h3', {}, title), ...content];
  }

  async function openDetail(n, reveal) {
    const pane = $('detail');
    try {
      const d = await api(`/api/records/${n}${reveal ? '?reveal=1' : ''}`);
      state.detail = d;
      pane.replaceChildren(...detailNodes(d, reveal));
    } catch (err) {
      pane.replaceChildren(el('p', { class: 'bad' }, `Could not open record ${n}: ${err.message}`));
    }
  }

  function detailNodes(d, revealed) {
    const r = d.record;
    const v = d.verdict;
    const events = (state.info && state.info.events) || [];
    const promoteAs = el('select', { id: 'promote-as', 'aria-label': 'Promote as event' }, events.map((e) =>
      el('option', { value: e, selected: e === v.event }, e),
    ));
    const body =
      d.body.kind === 'json' || d.body.kind === 'form'
        ? [el('div', { class: 'tree', id: 'body-tree' }, tree(d.body.tree)), el('details', {}, el('summary', {}, 'raw'), el('pre', { id: 'body-raw' }, d.body.text))]
        : d.body.kind === 'binary'
          ? [el('pre', { id: 'body-hex' }, d.body.hex)]
          : d.body.kind === 'text'
            ? [el('pre', { id: 'body-raw' }, d.body.text)]
            : [el('p', { class: 'muted' }, 'No body.')];
    return [
      el('h2', {}, `#${d.n} ${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`),
      el(
        'p',
        {},
        el('strong', {}, v.candidates ? v.candidates.join(' or ') : v.event || 'unknown event'),
        ' · ',
        el('span', { class: v.valid ? 'ok' : 'warn', id: 'verdict' }, v.valid ? 'valid' : 'invalid'),
        ' · answered ',
        el('span', { class: statusClass(r.response.status) }, r.response.status),
        ` in ${Math.round(r.response.ms)} ms · ${r.receivedAt}`,
      ),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', id: 'replay', onclick: () => replay(d, undefined) }, 'Replay'),
        el('button', { type: 'button', id: 'edit', onclick: () => editor(d) }, 'Edit and replay'),
        el('button', { type: 'button', id: 'curl', onclick: () => copyCurl(d) }, 'Copy as curl'),
        state.info && state.info.promote ? [promoteAs, el('button', { type: 'button', id: 'promote', onclick: () => promote(d) }, 'Promote to sample')] : [],
        revealed
          ? el('span', { class: 'warn' }, 'secrets shown')
          : el('button', { type: 'button', id: 'reveal', onclick: () => openDetail(d.n, true) }, 'Reveal secrets'),
      ),
      el('div', { id: 'action-result' }),
      ...section(
        'Verdict',
        v.issues.length
          ? el('ul', { id: 'issues' }, v.issues.map((i) => el('li', { class: 'bad' }, i)))
          : el('p', { class: 'ok' }, v.event ? `matches ${v.event}` : 'matches no known event'),
      ),
      ...section('Body', ...body),
      ...section('Headers', table(Object.entries(r.headers))),
      ...(d.keys.length
        ? section(
            `Keys of ${v.event}`,
            el('table', { id: 'keys' }, [
              el('tr', {}, ['key', 'sent', 'where it comes from', 'provenance'].map((h) => el('th', {}, h))),
              ...d.keys.map((k) =>
                el('tr', {}, el('td', {}, k.name), el('td', { class: k.present ? 'ok' : 'bad' }, k.present ? '✓' : 'missing'), el('td', {}, k.description || ''), el('td', {}, k.provenance || '')),
              ),
            ]),
          )
        : []),
      ...(r.forward
        ? section(
            'Forward',
            el('p', { class: statusClass(r.forward.status) }, r.forward.error ? `failed: ${r.forward.error}` : `${r.forward.status} in ${Math.round(r.forward.ms)} ms`),
            r.forward.body ? el('pre', { id: 'forward-body' }, r.forward.body) : null,
          )
        : []),
    ];
  }

  function showResult(...nodes) {
    $('action-result').replaceChildren(...nodes);
  }

  function responseNodes(res) {
    return [
      el('h3', {}, 'Response'),
      el(
        'p',
        { id: 'replay-status', class: res.status ? statusClass(res.status) : 'bad' },
        res.status ? `${res.status} in ${res.ms} ms from ${res.url}` : `no answer from ${res.url}: ${res.error}`,
      ),
      el('pre', { id: 'replay-body' }, res.body || ''),
    ];
  }

  async function replay(d, edited) {
    // Edited: to the URL in the editor. Otherwise to --forward-to, or to a URL asked for here.
    const forward = state.info && state.info.forwardTo;
    const to = edited ? edited.to : forward ? undefined : prompt('Send it to which URL?', 'http://127.0.0.1:3000/');
    if (!edited && !forward && !to) return;
    showResult(el('p', { class: 'muted' }, 'Sending…'));
    try {
      const payload = { n: d.n, ...(edited || {}), ...(to ? { to } : {}) };
      showResult(...responseNodes(await api('/api/replay', { method: 'POST', body: JSON.stringify(payload) })));
    } catch (err) {
      showResult(el('p', { class: 'bad' }, `Replay failed: ${err.message}`));
    }
  }

  function editor(d) {
    const r = d.record;
    const to = el('input', { id: 'edit-to', value: (state.info && state.info.forwardTo) || 'http://127.0.0.1:3000/' });
    const method = el('input', { id: 'edit-method', value: r.method || 'POST' });
    const headers = el('textarea', { id: 'edit-headers' });
    headers.value = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
    const body = el('textarea', { id: 'edit-body' });
    body.value = d.body.kind === 'json' || d.body.kind === 'form' || d.body.kind === 'text' ? d.body.text : '';
    const send = () => {
      const pairs = headers.value
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]);
      void replay(d, { to: to.value, method: method.value, headers: pairs, body: body.value });
    };
    showResult(
      el(
        'div',
        { class: 'editor' },
        el('label', {}, 'Send to ', to),
        el('label', {}, 'Method ', method),
        el('label', {}, 'Headers (Name: value per line) ', headers),
        el('label', {}, 'Body ', body),
        el('button', { type: 'button', id: 'edit-send', onclick: send }, 'Send'),
      ),
    );
    body.focus();
  }

  async function copyCurl(d) {
    try {
      await navigator.clipboard.writeText(d.curl);
      showResult(el('p', { class: 'ok' }, 'Copied:'), el('pre', { id: 'curl-text' }, d.curl));
    } catch {
      showResult(el('p', {}, 'Copy this:'), el('pre', { id: 'curl-text' }, d.curl));
    }
  }

  async function promote(d) {
    const as = $('promote-as').value;
    try {
      let res;
      try {
        res = await api('/api/promote', { method: 'POST', body: JSON.stringify({ n: d.n, as }) });
      } catch (err) {
        if (!/already exists/.test(err.message) || !confirm(`${err.message} Replace it?`)) throw err;
        res = await api('/api/promote', { method: 'POST', body: JSON.stringify({ n: d.n, as, force: true }) });
      }
      showResult(el('p', { class: 'ok', id: 'promoted' }, `Saved as the ${res.event} sample: ${res.file}`));
    } catch (err) {
      showResult(el('p', { class: 'bad' }, `Promote failed: ${err.message}`));
    }
  }

  // --- live feed, filters, keys, theme ------------------------------------------------------

  function matches(row) {
    const f = state.filter;
    const events = row.event === null ? ['unknown'] : [row.event, ...(row.candidates || [])];
    if (f.event && !events.includes(f.event)) return false;
    if (f.verdict && (f.verdict === 'valid') !== row.valid) return false;
    if (f.status && String(Math.floor(row.status / 100)) + 'xx' !== f.status) return false;
    return !f.q;
  }

  async function live() {
    for (;;) {
      try {
        const res = await fetch('/api/live', { headers: { 'x-omnibot-token': token } });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('data: ')) onRow(JSON.parse(block.slice(6)));
          }
        }
      } catch {
        // The listener stopped or restarted: try again shortly.
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }

  let pendingRefresh = null;
  function onRow(row) {
    state.count += 1;
    const viewport = $('viewport');
    const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW;
    if (state.filter.q) {
      clearTimeout(pendingRefresh);
      pendingRefresh = setTimeout(refresh, 300);
      return;
    }
    if (matches(row)) {
      state.total += 1;
      state.pages.delete(Math.floor((state.total - 1) / PAGE));
    }
    void draw().then(() => {
      if (atBottom) viewport.scrollTop = viewport.scrollHeight;
    });
  }

  function bindFilters() {
    const read = () => {
      state.filter = {
        event: $('f-event').value,
        verdict: $('f-verdict').value,
        status: $('f-status').value,
        q: $('f-q').value.trim(),
      };
      state.index = -1;
      refresh();
    };
    for (const id of ['f-event', 'f-verdict', 'f-status']) $(id).addEventListener('change', read);
    let typing;
    $('f-q').addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(read, 250);
    });
    $('filters').addEventListener('submit', (e) => e.preventDefault());
  }

  function bindKeys() {
    document.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        $('f-q').focus();
        return;
      }
      if (typing) return;
      const moves = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: 20, PageUp: -20 };
      if (e.key in moves) {
        e.preventDefault();
        void select(Math.min(state.total - 1, Math.max(0, state.index + moves[e.key])));
      } else if (e.key === 'Home') void select(0);
      else if (e.key === 'End') void select(state.total - 1);
    });
  }

  function bindTheme() {
    const saved = localStorage.getItem('omnibot-theme');
    if (saved) document.documentElement.dataset.theme = saved;
    $('theme').addEventListener('click', () => {
      const dark =
        document.documentElement.dataset.theme === 'dark' ||
        (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
      document.documentElement.dataset.theme = dark ? 'light' : 'dark';
      localStorage.setItem('omnibot-theme', document.documentElement.dataset.theme);
    });
  }

  async function download() {
    try {
      const res = await fetch('/api/download', { headers: { 'x-omnibot-token': token } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const url = URL.createObjectURL(await res.blob());
      el('a', { href: url, download: 'capture.redacted.ndjson' }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      fatal(`Download failed: ${err.message}`);
    }
  }

  async function start() {
    if (!token) return fatal('This page needs the address omnibot printed (it carries a token).');
    try {
      state.info = await api('/api/info');
    } catch (err) {
      return fatal(`The inspector did not answer: ${err.message}`);
    }
    $('source').textContent = state.info.live ? `live${state.info.forwardTo ? ` → ${state.info.forwardTo}` : ''}` : state.info.source;
    $('f-event').append(...state.info.events.map((e) => el('option', { value: e }, e)), el('option', { value: 'unknown' }, 'unknown'));
    bindFilters();
    bindKeys();
    bindTheme();
    $('download').addEventListener('click', download);
    $('viewport').addEventListener('scroll', () => void draw(), { passive: true });
    await draw();
    if (state.info.live) void live();
    else if (state.indexing) {
      const poll = setInterval(() => {
        if (!state.indexing) clearInterval(poll);
        refresh();
      }, 700);
    }
  }

  void start();
})();
