// zhstat review page. Hand-written, no build step. Every string that comes from the records or the
// input files is untrusted: it is put into the page with textContent / value only, never as markup.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  const FLAG_TEXT = {
    city_from_context: 'The sentence names no city; the city was taken from the article (headline, lead or paper).',
    city_unknown: 'No city could be determined for this figure.',
    period_year_unknown: 'The year of the period is not stated and the document gives no date to resolve it.',
    period_year_unknown_target: 'A target whose year is not stated.',
    period_inherited: 'The period was inherited from an earlier clause of the paragraph.',
    period_year_from_context: 'The year of 全年/年末 was taken from the period the article dated before it.',
    metric_unknown: 'No indicator rule names this metric: check the metric name.',
    table_cell: 'A table cell: metric and unit come from the row header, year and status from the column header.',
    duplicate: 'The same figure was extracted more than once.',
    subject_level: 'The figure is about something narrower than a region (a company, project, park…).',
    metric_missing: 'No metric could be found near the figure.',
    chinese_numeral: 'The number is written in Chinese numerals: check the value.',
  };
  const REVIEW_TEXT = { auto: 'auto', needs_review: 'to review', accepted: 'accepted', corrected: 'corrected', rejected: 'rejected' };
  const ACTION_TEXT = { accept: 'accepted', correct: 'corrected', reject: 'rejected', undo: 'undid a decision' };
  const LOW_CONFIDENCE = 0.7;

  const state = {
    outDir: '',
    items: [],
    byId: new Map(),
    queue: [],
    current: null,
    editing: false,
    busy: false,
    pendingConflict: null,
  };

  // ---------- helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  async function api(method, url, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(url, init);
    } catch (err) {
      return { status: 0, data: { error: `the review server does not answer (${err.message})` } };
    }
    const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
    return { status: res.status, data };
  }

  function storageKey(name) {
    return `zhstat-review:${state.outDir}:${name}`;
  }

  function cityLabel(city) {
    if (!city) return '';
    return city.code ? `${city.name} ${city.code}` : city.name;
  }

  function formatField(field, value) {
    if (value === null || value === undefined || value === '') return '—';
    switch (field) {
      case 'city':
        return `${value.name} · ${value.code || 'no code'} · ${value.level}${value.parent ? ` · in ${value.parent}` : ''}`;
      case 'metric':
        return `${value.name}${value.id ? ` [${value.id}]` : ''}${value.text && value.text !== value.name ? ` (text: ${value.text})` : ''}`;
      case 'normalized':
        return `${value.value} ${value.unit}`;
      case 'period': {
        const years = value.year === null ? 'year unknown' : value.endYear !== null ? `${value.year}–${value.endYear}` : String(value.year);
        const months = value.startMonth !== null ? `, months ${value.startMonth}–${value.endMonth ?? value.startMonth}` : '';
        return `${value.text || '(no words)'} · ${years}${months}`;
      }
      default:
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }

  function timeText(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
  }

  function isDecided(item) {
    return item.head !== null;
  }

  // ---------- loading and the queue ----------

  async function loadState() {
    const { status, data } = await api('GET', '/api/state');
    if (status !== 200) {
      showMessage(`Cannot load the records: ${data.error || status}`, true);
      return;
    }
    state.outDir = data.outDir;
    $('outdir').textContent = data.outDir;
    const reviewer = $('reviewer');
    if (!reviewer.value) reviewer.value = localStorage.getItem('zhstat-review:reviewer') || data.reviewer;
    state.items = data.items;
    state.byId = new Map(data.items.map((it) => [it.record.id, it]));
    if (data.malformedDecisionLines.length > 0) {
      showMessage(`decisions.jsonl has ${data.malformedDecisionLines.length} unreadable line(s) (first: line ${data.malformedDecisionLines[0].line}); they are ignored, not deleted.`, true);
    }
  }

  function fillSelect(select, values, labelOf) {
    const keep = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const v of values) {
      const opt = el('option', null, labelOf ? labelOf(v) : v);
      opt.value = v;
      select.appendChild(opt);
    }
    if (values.includes(keep)) select.value = keep;
  }

  function fillFilterOptions() {
    const records = state.items.map((it) => it.record);
    const sorted = (set) => [...set].sort((a, b) => a.localeCompare(b, 'zh'));
    fillSelect($('f-flag'), sorted(new Set(records.flatMap((r) => r.flags))));
    fillSelect($('f-file'), sorted(new Set(records.map((r) => r.doc.file))));
    fillSelect($('f-city'), ['(none)', ...sorted(new Set(records.filter((r) => r.city).map((r) => r.city.name)))]);
  }

  const FILTER_IDS = ['f-all', 'f-review', 'f-flag', 'f-file', 'f-city', 'f-status', 'f-metric'];

  function saveFilters() {
    const values = {};
    for (const id of FILTER_IDS) values[id] = id === 'f-all' ? $(id).checked : $(id).value;
    localStorage.setItem(storageKey('filters'), JSON.stringify(values));
  }

  function restoreFilters() {
    try {
      const values = JSON.parse(localStorage.getItem(storageKey('filters')) || '{}');
      for (const id of FILTER_IDS) {
        if (!(id in values)) continue;
        if (id === 'f-all') $(id).checked = Boolean(values[id]);
        else $(id).value = values[id];
      }
    } catch {
      /* a damaged saved filter is not worth a message */
    }
  }

  function matches(item) {
    const r = item.record;
    if (!$('f-all').checked && !item.flagged) return false;
    const review = $('f-review').value;
    if (review === 'open' && isDecided(item)) return false;
    if (review === 'decided' && !isDecided(item)) return false;
    if (['accepted', 'corrected', 'rejected'].includes(review) && r.review !== review) return false;
    const flag = $('f-flag').value;
    if (flag && !r.flags.includes(flag)) return false;
    const file = $('f-file').value;
    if (file && r.doc.file !== file) return false;
    const city = $('f-city').value;
    if (city === '(none)' && r.city !== null) return false;
    if (city && city !== '(none)' && (!r.city || r.city.name !== city)) return false;
    const status = $('f-status').value;
    if (status && r.status !== status) return false;
    const metric = $('f-metric').value.trim();
    if (metric && !r.metric.name.includes(metric) && !r.metric.text.includes(metric)) return false;
    return true;
  }

  function computeQueue() {
    state.queue = state.items
      .filter(matches)
      .sort((a, b) => a.record.confidence - b.record.confidence
        || a.record.doc.file.localeCompare(b.record.doc.file)
        || a.record.span[0] - b.record.span[0])
      .map((it) => it.record.id);
    renderQueue();
    renderCounter();
  }

  function renderCounter() {
    const decided = state.queue.filter((id) => isDecided(state.byId.get(id))).length;
    $('counter').textContent = `${decided} of ${state.queue.length} reviewed`;
  }

  function renderQueue() {
    const list = $('queue-list');
    clear(list);
    for (const id of state.queue) {
      const item = state.byId.get(id);
      const r = item.record;
      const li = el('li', `queue-item review-${r.review}${id === state.current ? ' current' : ''}`);
      li.dataset.id = id;
      const top = el('div', 'q-top');
      top.appendChild(el('span', 'q-quote', r.quote));
      top.appendChild(el('span', `q-state badge review-${r.review}`, REVIEW_TEXT[r.review]));
      li.appendChild(top);
      li.appendChild(el('div', 'q-metric', r.metric.name));
      li.appendChild(el('div', 'q-meta', `${r.city ? r.city.name : 'no city'} · ${r.confidence.toFixed(2)} · ${r.doc.file}`));
      li.addEventListener('click', () => select(id));
      list.appendChild(li);
    }
  }

  // ---------- the current record ----------

  function select(id, options = {}) {
    if (!state.byId.has(id)) return;
    state.current = id;
    state.editing = false;
    sessionStorage.setItem(storageKey('current'), id);
    if (!options.keepConflict) hideConflict();
    renderDetail();
    for (const li of $('queue-list').children) {
      const on = li.dataset.id === id;
      li.classList.toggle('current', on);
      if (on) li.scrollIntoView({ block: 'nearest' });
    }
    void loadContext(id);
  }

  function renderDetail() {
    const item = state.current ? state.byId.get(state.current) : null;
    $('record').hidden = !item;
    $('empty').hidden = Boolean(item) || state.queue.length > 0;
    if (!item) return;
    const r = item.record;
    $('r-quote').textContent = r.quote;
    const badge = $('r-review');
    badge.textContent = REVIEW_TEXT[r.review];
    badge.className = `badge review-${r.review}`;
    $('r-confidence').textContent = `confidence ${r.confidence.toFixed(2)}`;
    const at = state.queue.indexOf(r.id);
    $('r-position').textContent = at >= 0 ? `${at + 1} / ${state.queue.length}` : 'not in the filtered queue';
    $('r-doc').textContent = `${r.doc.file} · article ${r.doc.article}${r.doc.title ? ` · ${r.doc.title}` : ''}${r.doc.published ? ` · ${r.doc.published}` : ''}`;
    $('r-sentence').textContent = r.sentence;

    const flags = $('r-flags');
    clear(flags);
    for (const f of r.flags) {
      const li = el('li');
      li.appendChild(el('code', null, f));
      li.appendChild(el('span', null, ` ${FLAG_TEXT[f] || 'No explanation for this flag yet.'}`));
      flags.appendChild(li);
    }
    if (r.confidence < LOW_CONFIDENCE) {
      const li = el('li');
      li.appendChild(el('code', null, 'low_confidence'));
      li.appendChild(el('span', null, ` The extraction rules are unsure (confidence ${r.confidence.toFixed(2)} < ${LOW_CONFIDENCE}).`));
      flags.appendChild(li);
    }

    const fields = $('r-fields');
    clear(fields);
    const changed = new Set(item.history.filter((d) => d.action === 'correct').flatMap((d) => Object.keys(d.changes)));
    const rows = [
      ['city', r.city], ['subject', r.subject], ['metric', r.metric], ['value', r.value], ['unit', r.unit],
      ['normalized', r.normalized], ['kind', r.kind], ['basis', r.basis], ['status', r.status],
      ['period', r.period], ['approx', r.approx],
    ];
    for (const [name, value] of rows) {
      const dt = el('dt', null, name);
      const dd = el('dd', changed.has(name) ? 'changed' : null, formatField(name, value));
      dd.dataset.field = name;
      fields.appendChild(dt);
      fields.appendChild(dd);
    }
    fields.hidden = state.editing;
    $('edit-form').hidden = !state.editing;
    // a hidden field keeping the focus would swallow the next command key as typing
    if (!state.editing && $('edit-form').contains(document.activeElement)) document.activeElement.blur();
    renderHistory(item);
  }

  function renderHistory(item) {
    const list = $('r-history');
    clear(list);
    const undone = new Set(item.history.filter((d) => d.action === 'undo').map((d) => d.undoes));
    if (item.history.length === 0) list.appendChild(el('li', 'muted', 'No decision yet.'));
    for (const d of item.history) {
      const li = el('li', undone.has(d.id) ? 'undone' : null);
      li.appendChild(el('span', 'h-who', `${d.reviewer} ${ACTION_TEXT[d.action]}`));
      li.appendChild(el('span', 'muted', ` · ${timeText(d.at)}`));
      for (const [field, change] of Object.entries(d.changes)) {
        li.appendChild(el('div', 'h-change', `${field}: ${formatField(field, change.old)} → ${formatField(field, change.new)}`));
      }
      list.appendChild(li);
    }
  }

  async function loadContext(id) {
    const box = $('r-context');
    clear(box);
    box.appendChild(el('span', 'muted', 'loading…'));
    $('r-context-note').textContent = '';
    const { status, data } = await api('GET', `/api/records/${encodeURIComponent(id)}/context`);
    if (state.current !== id) return;
    clear(box);
    if (status !== 200) {
      box.appendChild(el('span', 'muted', `No article text: ${data.error || status}`));
      return;
    }
    if (data.clippedStart) box.appendChild(el('span', 'muted', '… '));
    let at = 0;
    for (const mark of data.marks) {
      if (mark.start > at) box.appendChild(document.createTextNode(data.text.slice(at, mark.start)));
      const span = el('span', `mark mark-${mark.kind}`, data.text.slice(mark.start, mark.end));
      span.title = mark.kind;
      box.appendChild(span);
      at = mark.end;
    }
    if (at < data.text.length) box.appendChild(document.createTextNode(data.text.slice(at)));
    if (data.clippedEnd) box.appendChild(el('span', 'muted', ' …'));
    $('r-context-note').textContent = data.note ? `(${data.note})` : '';
    const figure = box.querySelector('.mark-figure');
    if (figure) figure.scrollIntoView({ block: 'nearest' });
  }

  function move(step) {
    if (state.queue.length === 0) return;
    const at = state.queue.indexOf(state.current);
    const next = at < 0 ? 0 : Math.min(state.queue.length - 1, Math.max(0, at + step));
    select(state.queue[next]);
  }

  // ---------- decisions ----------

  function reviewerName() {
    return $('reviewer').value.trim();
  }

  function replaceItem(item) {
    const at = state.items.findIndex((it) => it.record.id === item.record.id);
    if (at >= 0) state.items[at] = item;
    state.byId.set(item.record.id, item);
  }

  function ownDecisions() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey('own')) || '[]');
    } catch {
      return [];
    }
  }

  function setOwnDecisions(list) {
    sessionStorage.setItem(storageKey('own'), JSON.stringify(list.slice(-200)));
  }

  /** Sends a decision; on success moves on, on a conflict shows the other decision and keeps ours for a retry. */
  async function send(body, after) {
    if (state.busy) return false;
    if (!reviewerName()) {
      showMessage('Enter your name in the Reviewer box first.', true);
      $('reviewer').focus();
      return false;
    }
    state.busy = true;
    try {
      const nextId = state.queue[state.queue.indexOf(body.recordId) + 1] || null;
      const { status, data } = await api('POST', '/api/decisions', { ...body, reviewer: reviewerName() });
      if (data.item) replaceItem(data.item);
      if (status === 201) {
        hideConflict();
        if (body.action === 'undo') setOwnDecisions(ownDecisions().filter((d) => d.decisionId !== body.undoes));
        else setOwnDecisions([...ownDecisions(), { decisionId: data.decision.id, recordId: body.recordId }]);
        computeQueue();
        if (after === 'advance' && nextId && state.byId.has(nextId) && state.queue.includes(nextId)) select(nextId);
        else select(body.recordId);
        showMessage(body.action === 'undo' ? 'Undone.' : `Saved: ${ACTION_TEXT[body.action]}.`, false);
        return true;
      }
      computeQueue();
      if (status === 409) {
        select(body.recordId, { keepConflict: true });
        showConflict(data, body);
        return false;
      }
      const issues = (data.issues || []).map((i) => `${i.path || '(record)'}: ${i.message}`);
      if (state.editing) showIssues([data.error || `HTTP ${status}`, ...issues]);
      else showMessage([data.error || `HTTP ${status}`, ...issues].join(' — '), true);
      return false;
    } finally {
      state.busy = false;
    }
  }

  function currentItem() {
    return state.current ? state.byId.get(state.current) : null;
  }

  function decide(action) {
    const item = currentItem();
    if (!item || state.editing) return;
    void send({ recordId: item.record.id, action, basedOn: item.head ? item.head.id : null }, 'advance');
  }

  function undoLast() {
    const own = ownDecisions();
    const last = own[own.length - 1];
    if (!last) {
      showMessage('Nothing to undo: you have made no decision in this tab.', true);
      return;
    }
    const item = state.byId.get(last.recordId);
    if (!item) {
      setOwnDecisions(own.slice(0, -1));
      showMessage('The record of your last decision is no longer in this output.', true);
      return;
    }
    void send({ recordId: last.recordId, action: 'undo', undoes: last.decisionId, basedOn: item.head ? item.head.id : null }, 'stay');
  }

  function showConflict(data, body) {
    state.pendingConflict = body;
    $('conflict-text').textContent = `Not saved: ${data.error}`;
    const head = data.head;
    const detail = head
      ? `${head.reviewer} ${ACTION_TEXT[head.action]} this record at ${timeText(head.at)}${Object.keys(head.changes).length ? ` (${Object.entries(head.changes).map(([f, c]) => `${f} → ${formatField(f, c.new)}`).join('; ')})` : ''}. The record now shows their decision.`
      : 'The record now shows its current state.';
    $('conflict-detail').textContent = detail;
    $('conflict-override').hidden = body.action === 'undo';
    $('conflict').hidden = false;
  }

  function hideConflict() {
    state.pendingConflict = null;
    $('conflict').hidden = true;
  }

  function overrideConflict() {
    const body = state.pendingConflict;
    const item = body ? state.byId.get(body.recordId) : null;
    if (!body || !item) return;
    void send({ ...body, basedOn: item.head ? item.head.id : null }, 'stay');
  }

  let messageTimer = null;
  function showMessage(text, isError) {
    const box = $('message');
    box.textContent = text;
    box.classList.toggle('error', Boolean(isError));
    box.hidden = false;
    clearTimeout(messageTimer);
    if (!isError) messageTimer = setTimeout(() => { box.hidden = true; }, 2500);
  }

  // ---------- editing ----------

  let placeSuggestions = [];

  function startEdit() {
    const item = currentItem();
    if (!item) return;
    const r = item.record;
    state.editing = true;
    $('e-city').value = cityLabel(r.city);
    $('e-city-info').textContent = r.city ? `${r.city.level}${r.city.parent ? ` · in ${r.city.parent}` : ''}` : '';
    $('e-subject').value = r.subject || '';
    $('e-metric-name').value = r.metric.name;
    $('e-metric-id').value = r.metric.id || '';
    $('e-value').value = String(r.value);
    $('e-unit').value = r.unit || '';
    $('e-norm-value').value = String(r.normalized.value);
    $('e-norm-value').dataset.touched = '';
    $('e-norm-unit').value = r.normalized.unit;
    $('e-kind').value = r.kind;
    $('e-basis').value = r.basis || '';
    $('e-status').value = r.status;
    $('e-approx').value = r.approx || '';
    const p = r.period;
    $('e-period-text').value = p ? p.text : '';
    $('e-period-year').value = p && p.year !== null ? String(p.year) : '';
    $('e-period-endyear').value = p && p.endYear !== null ? String(p.endYear) : '';
    $('e-period-start').value = p && p.startMonth !== null ? String(p.startMonth) : '';
    $('e-period-end').value = p && p.endMonth !== null ? String(p.endMonth) : '';
    clear($('e-issues'));
    renderDetail();
    $('e-city').focus();
    $('e-city').select();
  }

  function cancelEdit() {
    state.editing = false;
    renderDetail();
  }

  function showIssues(lines) {
    const list = $('e-issues');
    clear(list);
    for (const line of lines) list.appendChild(el('li', null, line));
  }

  async function fetchPlaces(query) {
    const { status, data } = await api('GET', `/api/places?q=${encodeURIComponent(query)}`);
    return status === 200 ? data.places : [];
  }

  let suggestTimer = null;
  function suggestCities() {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(async () => {
      const query = $('e-city').value.trim();
      const places = query ? await fetchPlaces(query) : [];
      placeSuggestions = places;
      const list = $('city-options');
      clear(list);
      for (const p of places) {
        const opt = el('option');
        opt.value = cityLabel(p);
        opt.label = `${p.level}${p.parent ? ` · ${p.parent}` : ''}`;
        list.appendChild(opt);
      }
      const exact = places.find((p) => cityLabel(p) === query);
      $('e-city-info').textContent = exact ? `${exact.level}${exact.parent ? ` · in ${exact.parent}` : ''}` : '';
    }, 120);
  }

  /** The city the form names: unchanged, none, or exactly one gazetteer place. */
  async function resolveCity(current) {
    const text = $('e-city').value.trim();
    if (text === '') return { city: null };
    if (current && text === cityLabel(current)) return { city: current };
    const places = placeSuggestions.some((p) => cityLabel(p) === text) ? placeSuggestions : await fetchPlaces(text);
    const exact = places.filter((p) => cityLabel(p) === text || p.name === text);
    const chosen = exact.length === 1 ? exact[0] : places.length === 1 ? places[0] : null;
    if (!chosen) {
      return { error: places.length === 0 ? `city: no place in the gazetteer matches “${text}”` : `city: “${text}” is ambiguous — pick one of the suggestions` };
    }
    return { city: { name: chosen.name, code: chosen.code, level: chosen.level, parent: chosen.parent } };
  }

  function numberOrNull(id, label, problems, integer) {
    const text = $(id).value.trim();
    if (text === '') return null;
    const n = Number(text);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      problems.push(`${label}: “${text}” is not ${integer ? 'a whole number' : 'a number'}`);
      return null;
    }
    return n;
  }

  async function saveEdit() {
    const item = currentItem();
    if (!item || !state.editing || state.busy) return;
    const r = item.record;
    const problems = [];
    const resolved = await resolveCity(r.city);
    if (resolved.error) problems.push(resolved.error);
    const value = numberOrNull('e-value', 'value', problems, false);
    if (value === null && !problems.some((p) => p.startsWith('value'))) problems.push('value: required');
    const normalizedValue = numberOrNull('e-norm-value', 'normalized value', problems, false);
    if (normalizedValue === null && !problems.some((p) => p.startsWith('normalized'))) problems.push('normalized value: required');
    const periodIds = ['e-period-text', 'e-period-year', 'e-period-endyear', 'e-period-start', 'e-period-end'];
    const hasPeriod = periodIds.some((id) => $(id).value.trim() !== '');
    const period = hasPeriod
      ? {
          text: $('e-period-text').value.trim(),
          year: numberOrNull('e-period-year', 'year', problems, true),
          endYear: numberOrNull('e-period-endyear', 'end year', problems, true),
          startMonth: numberOrNull('e-period-start', 'start month', problems, true),
          endMonth: numberOrNull('e-period-end', 'end month', problems, true),
        }
      : null;
    if (problems.length > 0) {
      showIssues(problems);
      return;
    }
    const orNull = (id) => ($(id).value.trim() === '' ? null : $(id).value.trim());
    const fields = {
      city: resolved.city,
      subject: orNull('e-subject'),
      metric: { name: $('e-metric-name').value.trim(), text: r.metric.text, id: orNull('e-metric-id') },
      value,
      unit: orNull('e-unit'),
      normalized: { value: normalizedValue, unit: $('e-norm-unit').value.trim() },
      kind: $('e-kind').value,
      basis: orNull('e-basis'),
      status: $('e-status').value,
      approx: orNull('e-approx'),
      period,
    };
    const saved = await send({ recordId: r.id, action: 'correct', fields, basedOn: item.head ? item.head.id : null }, 'advance');
    if (saved) state.editing = false;
  }

  /** Changing the value rescales the normalized value with the same factor, unless it was edited by hand. */
  function rescaleNormalized() {
    const item = currentItem();
    const norm = $('e-norm-value');
    if (!item || norm.dataset.touched) return;
    const r = item.record;
    const v = Number($('e-value').value.trim());
    if (r.value !== 0 && Number.isFinite(v) && $('e-value').value.trim() !== '') {
      norm.value = String(Number((v * (r.normalized.value / r.value)).toPrecision(12)));
    }
  }

  // ---------- keys ----------

  function toggleHelp() {
    const help = $('help');
    if (help.open) help.close();
    else help.showModal();
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if ($('help').open) {
      if (event.key === '?') toggleHelp(); // the dialog handles Esc itself
      return;
    }
    if (state.editing) {
      if (event.key === 'Enter' && !event.isComposing && !(target instanceof HTMLButtonElement)) {
        event.preventDefault();
        void saveEdit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        cancelEdit();
      }
      return;
    }
    if (typing) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    const actions = {
      a: () => decide('accept'),
      x: () => decide('reject'),
      e: startEdit,
      u: undoLast,
      j: () => move(1),
      k: () => move(-1),
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      '?': toggleHelp,
      '/': () => $('f-metric').focus(),
      Escape: hideConflict,
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  // ---------- start ----------

  async function start() {
    await loadState();
    restoreFilters();
    fillFilterOptions();
    computeQueue();
    const saved = sessionStorage.getItem(storageKey('current'));
    const first = saved && state.byId.has(saved) ? saved : state.queue[0];
    if (first) select(first);
    else renderDetail();

    for (const id of FILTER_IDS) {
      $(id).addEventListener(id === 'f-metric' ? 'input' : 'change', () => {
        saveFilters();
        computeQueue();
        if (!state.queue.includes(state.current) && state.queue.length > 0) select(state.queue[0]);
        else renderDetail();
      });
    }
    $('reviewer').addEventListener('change', () => localStorage.setItem('zhstat-review:reviewer', reviewerName()));
    $('help-button').addEventListener('click', toggleHelp);
    $('help-close').addEventListener('click', () => $('help').close());
    $('b-accept').addEventListener('click', () => decide('accept'));
    $('b-reject').addEventListener('click', () => decide('reject'));
    $('b-edit').addEventListener('click', startEdit);
    $('b-undo').addEventListener('click', undoLast);
    $('b-next').addEventListener('click', () => move(1));
    $('b-prev').addEventListener('click', () => move(-1));
    $('conflict-keep').addEventListener('click', hideConflict);
    $('conflict-override').addEventListener('click', overrideConflict);
    $('e-cancel').addEventListener('click', cancelEdit);
    $('e-city').addEventListener('input', suggestCities);
    $('e-value').addEventListener('input', rescaleNormalized);
    $('e-norm-value').addEventListener('input', () => { $('e-norm-value').dataset.touched = 'yes'; });
    $('edit-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void saveEdit();
    });
    document.addEventListener('keydown', onKey);
    // other reviewers' decisions: pick them up when the reviewer comes back to the tab
    document.addEventListener('visibilitychange', async () => {
      if (document.visibilityState !== 'visible' || state.editing) return;
      await loadState();
      fillFilterOptions();
      computeQueue();
      if (state.current) select(state.current, { keepConflict: true });
    });
    document.body.dataset.ready = 'yes';
  }

  void start();
})();
