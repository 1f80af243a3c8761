// The notecoder page: sends the note to POST /predict/coder/stream and shows each stage as its
// event arrives; falls back to POST /predict/coder when streaming is not possible.
// Every piece of text from the note or the service is put in the page with textContent or a
// text node, never as HTML: a note that contains markup or script is shown, never run.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const els = {
    form: $('note-form'), note: $('note'), run: $('run'), copy: $('copy'), clear: $('clear'),
    useMl: $('use-ml'), includeExcluded: $('include-excluded'), maxCodes: $('max-codes'),
    apiKey: $('api-key'), message: $('message'), view: $('note-view'), stages: $('stages'),
    codes: document.querySelector('#codes tbody'), excluded: $('excluded'), basics: $('basics'),
    summary: $('summary'), structured: $('structured'), timings: $('timings'), json: $('json'),
    status: $('service-status'),
  };
  let lastJson = null;
  let noteChars = [];  // the note as code points: the service's offsets count code points
  let controller = null;
  let summaryText = '';  // the summary as its deltas arrive

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function setState(state) { document.body.dataset.state = state; }

  function stage(name, cls, ms) {
    const li = [...els.stages.children].find((x) => x.dataset.stage === name);
    if (!li) return;
    li.className = cls;
    li.textContent = ms === undefined ? name : `${name} ${Number(ms).toFixed(2)} ms`;
  }

  // One chip per stage the service announced (the LLM adds parse, summary, structure).
  function setStages(names) {
    els.stages.replaceChildren(...names.map((n) => {
      const li = el('li', n);
      li.dataset.stage = n;
      return li;
    }));
  }

  const PLACEHOLDER = 'Filled in when the LLM engine is enabled.';

  function resetOutput() {
    setStages(['accepted', 'basics', 'rules', 'ml', 'final']);
    summaryText = '';
    for (const p of [els.summary, els.structured]) {
      p.textContent = PLACEHOLDER;
      p.className = 'placeholder';
    }
    els.codes.replaceChildren();
    els.excluded.replaceChildren();
    els.basics.replaceChildren();
    els.timings.replaceChildren();
    els.json.textContent = '';
    els.message.textContent = '';
    els.copy.disabled = true;
    lastJson = null;
    renderNote([]);
  }

  // The note with `spans` ([{start,end,active}] in code points) wrapped in <mark>.
  function renderNote(spans) {
    const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    const parts = [];
    let at = 0;
    for (const s of sorted) {
      if (s.start < at) continue;  // overlapping spans: the first one wins
      if (s.start > at) parts.push(document.createTextNode(noteChars.slice(at, s.start).join('')));
      const m = el('mark', noteChars.slice(s.start, s.end).join(''), s.active ? 'active' : '');
      if (s.title) m.title = s.title;
      parts.push(m);
      at = s.end;
    }
    if (at < noteChars.length) parts.push(document.createTextNode(noteChars.slice(at).join('')));
    els.view.replaceChildren(...parts);
    const first = els.view.querySelector('mark.active');
    if (first) first.scrollIntoView({ block: 'nearest' });
  }

  function allEvidence(codes) {
    const spans = [];
    for (const c of codes) for (const e of c.evidence || []) spans.push({ ...e, title: c.code });
    return spans;
  }

  function selectCode(codes, index) {
    for (const [i, row] of [...els.codes.rows].entries()) {
      row.classList.toggle('selected', i === index);
      row.querySelector('button').setAttribute('aria-pressed', String(i === index));
    }
    const spans = allEvidence(codes).map((s) => ({ ...s, active: s.title === codes[index].code }));
    renderNote(spans);
  }

  function showCodes(codes) {
    els.codes.replaceChildren();
    codes.forEach((c, i) => {
      const row = el('tr');
      const cell = el('td');
      const button = el('button', c.code);
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.title = `Highlight the evidence for ${c.code}`;
      button.addEventListener('click', () => selectCode(codes, i));
      cell.append(button);
      row.append(cell, el('td', c.description), el('td', Number(c.score).toFixed(3)),
        el('td', (c.sources || []).join(' + ')));
      if (!(c.evidence || []).length) row.title = 'no evidence span (model suggestion)';
      els.codes.append(row);
    });
    renderNote(allEvidence(codes));
  }

  function showExcluded(excluded) {
    els.excluded.replaceChildren();
    for (const x of excluded || []) {
      const li = el('li');
      li.append(el('span', x.reason, 'reason'), document.createTextNode(' '),
        el('q', x.text), document.createTextNode(` → ${x.code || ''} ${x.description || ''}`));
      els.excluded.append(li);
    }
  }

  function showBasics(b) {
    els.basics.replaceChildren();
    if (!b) return;
    const add = (k, v) => { els.basics.append(el('dt', k), el('dd', v)); };
    add('age', b.age ?? '—');
    add('sex', b.sex ?? '—');
    add('dates', (b.dates || []).map((d) => `${d.kind} ${d.date}`).join(', ') || '—');
    add('vitals', (b.vitals || []).map((v) => `${v.name} ${v.value} ${v.unit}`).join(', ') || '—');
    add('medications', (b.medications || []).map((m) => m.text).join(', ') || '—');
    add('allergies', b.no_known_allergies ? 'no known allergies'
      : (b.allergies || []).map((a) => a.text).join(', ') || '—');
  }

  function showFinal(body) {
    lastJson = body;
    showCodes(body.codes || []);
    showExcluded(body.excluded);
    showBasics(body.basics);
    if (body.summary) { els.summary.textContent = body.summary; els.summary.className = ''; }
    if (body.structured) {
      els.structured.textContent = JSON.stringify(body.structured, null, 2);
      els.structured.className = '';
    }
    els.timings.replaceChildren();
    for (const [k, v] of Object.entries(body.timings_ms || {})) {
      els.timings.append(el('dt', k), el('dd', `${Number(v).toFixed(2)} ms`));
    }
    els.json.textContent = JSON.stringify(body, null, 2);
    els.copy.disabled = false;
    stage('final', 'done');
    setState('done');
  }

  function showError(text) {
    els.message.textContent = text;
    stage('final', 'failed');
    setState('error');
  }

  function onEvent(name, data) {
    let body;
    try { body = JSON.parse(data); } catch { showError('the service sent an unreadable event'); return; }
    switch (name) {
      case 'accepted':
        if (Array.isArray(body.stages)) setStages(['accepted', ...body.stages.map(String)]);
        stage('accepted', 'done');
        break;
      case 'basics': stage('basics', 'done', body.ms); showBasics(body.basics); break;
      case 'rules': stage('rules', 'done', body.ms); showCodes(body.codes || []);
        showExcluded(body.excluded); break;
      case 'ml': stage('ml', 'done', body.used ? body.ms : undefined); showCodes(body.codes || []);
        showExcluded(body.excluded); break;
      case 'final': showFinal(body); break;
      case 'error': showError((body.error && body.error.message) || 'coding failed'); break;
      case 'summary':
        if (body.delta) {
          summaryText += body.delta;
          els.summary.textContent = summaryText;
          els.summary.className = '';
          stage('summary', 'running');
        } else {
          stage('summary', 'done', body.ms);
        }
        break;
      default: stage(name, 'done', body.ms); break;  // parse, structure, and stages to come
    }
  }

  // Splits an SSE byte stream into events (WHATWG "Server-sent events": blank line ends one).
  async function readEvents(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let sawFinal = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;  // heartbeat
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') name = val;
          else if (field === 'data') data.push(val);
        }
        if (data.length) {
          onEvent(name, data.join('\n'));
          sawFinal = sawFinal || name === 'final' || name === 'error';
        }
      }
    }
    if (!sawFinal) showError('the stream ended before the final answer');
  }

  function request() {
    const headers = { 'Content-Type': 'application/json' };
    if (els.apiKey.value) headers.Authorization = `Bearer ${els.apiKey.value}`;
    const max = Math.min(200, Math.max(1, Number.parseInt(els.maxCodes.value, 10) || 30));
    const body = JSON.stringify({
      note: els.note.value,
      options: { use_ml: els.useMl.checked, include_excluded: els.includeExcluded.checked,
        max_codes: max },
    });
    return { method: 'POST', headers, body };
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      return `${response.status}: ${(body.error && body.error.message) || 'error'}`;
    } catch { return `${response.status}: ${response.statusText}`; }
  }

  async function run() {
    if (!els.note.value.trim()) { els.message.textContent = 'The note is empty.'; return; }
    if (controller) controller.abort();
    controller = new AbortController();
    resetOutput();
    noteChars = Array.from(els.note.value);
    renderNote([]);
    setState('running');
    els.run.disabled = true;
    try {
      let response = null;
      try {
        response = await fetch('/predict/coder/stream', { ...request(), signal: controller.signal });
      } catch (e) {
        if (e.name === 'AbortError') throw e;
        response = null;  // no streaming: the plain endpoint below
      }
      if (response && response.ok && response.body) {
        await readEvents(response);
        return;
      }
      if (response && response.status !== 404 && response.status !== 405) {
        showError(await errorText(response));
        return;
      }
      const plain = await fetch('/predict/coder', { ...request(), signal: controller.signal });
      if (!plain.ok) { showError(await errorText(plain)); return; }
      for (const s of ['accepted', 'basics', 'rules', 'ml']) stage(s, 'done');
      showFinal(await plain.json());
    } catch (e) {
      if (e.name !== 'AbortError') showError('the service could not be reached');
    } finally {
      els.run.disabled = false;
    }
  }

  async function checkService() {
    try {
      const r = await fetch('/health');
      const body = await r.json();
      els.status.textContent = body.ready ? 'service ready' : 'service warming up…';
    } catch { els.status.textContent = 'service unreachable'; }
  }

  els.form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  els.note.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  els.copy.addEventListener('click', async () => {
    if (!lastJson) return;
    const text = JSON.stringify(lastJson, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      els.message.textContent = '';
      els.copy.textContent = 'Copied';
      setTimeout(() => { els.copy.textContent = 'Copy JSON'; }, 1500);
    } catch { els.message.textContent = 'Copying was refused; the JSON is below.'; }
  });
  els.clear.addEventListener('click', () => { els.note.value = ''; noteChars = []; resetOutput(); els.note.focus(); });
  els.note.addEventListener('dragover', (e) => { e.preventDefault(); els.note.classList.add('dragging'); });
  els.note.addEventListener('dragleave', () => els.note.classList.remove('dragging'));
  els.note.addEventListener('drop', async (e) => {
    e.preventDefault();
    els.note.classList.remove('dragging');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (!file) return;
    if (file.size > 2 * 1024 * 1024) { els.message.textContent = 'That file is larger than 2 MB.'; return; }
    els.note.value = await file.text();
  });
  checkService();
})();
