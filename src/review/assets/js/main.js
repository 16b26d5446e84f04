// zhstat review page: wiring of state, API, queue, record view and editor. No build step: the
// browser loads these ES modules as they are.
import { $ } from './dom.js';
import * as apiCalls from './api.js';
import { ACTION_TEXT, FIELD_TEXT, formatField } from './format.js';
import {
  FILTER_DEFAULTS, FILTER_KEYS, applyStateResponse, createState, decisionGate, hasPage, isClaiming, isDecided,
  isOpen, keyCommand, neighbourId, nextOpenId, replaceItem, stateQuery,
} from './state.js';
import { markCurrent, renderCounters, renderFilterOptions, renderQueue } from './queue.js';
import { renderContext, renderRecord, showContextLoading } from './record.js';
import { fillEditor, focusField, readEditor, rescaleNormalized, showIssues, suggestCities } from './editor.js';

const state = createState();
const storageKey = (name) => `zhstat-review:${state.outDir}:${name}`;

function newSession() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------- messages: a toast over the page (no layout jump); errors stay until dismissed or the next action ----------

let messageTimer = null;
function showMessage(text, isError) {
  const box = $('message');
  $('message-text').textContent = text;
  box.classList.toggle('error', Boolean(isError));
  box.hidden = false;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(hideMessage, isError ? 10_000 : 2500);
}

function hideMessage() {
  clearTimeout(messageTimer);
  $('message').hidden = true;
}

// ---------- loading ----------

/** Decisions this page has seen saved; a list asked for before one of them is out of date when it arrives. */
let savedChanges = 0;

async function load(selectId) {
  state.reviewer = reviewerName();
  const before = savedChanges;
  const { status, data } = await apiCalls.fetchState(stateQuery(state));
  if (savedChanges !== before) return load(selectId ?? state.current);
  if (status !== 200) {
    showMessage(`Cannot load the records: ${data.error || status}`, true);
    return false;
  }
  applyStateResponse(state, data);
  $('outdir').textContent = data.outDir;
  if (data.malformedDecisionLines.length > 0) {
    showMessage(`decisions.jsonl has ${data.malformedDecisionLines.length} unreadable line(s) (first: line ${data.malformedDecisionLines[0].line}); they are ignored, not deleted.`, true);
  }
  renderFilterOptions(state);
  renderCounters(state);
  renderQueue(state, select);
  const wanted = selectId && state.byId.has(selectId) ? selectId : state.current && state.byId.has(state.current) ? state.current : null;
  const first = wanted || state.items.find(isOpen)?.record.id || state.items[0]?.record.id || null;
  if (first) select(first);
  else {
    state.current = null;
    renderRecord(state);
  }
  return true;
}

// ---------- the current record ----------

function select(id) {
  if (!state.byId.has(id)) return;
  if (state.current !== id) {
    state.unlocked = null;
    state.mode = state.mode === 'edit' ? 'view' : state.mode;
  }
  state.current = id;
  sessionStorage.setItem(storageKey('current'), id);
  renderRecord(state);
  markCurrent(state);
  void loadContext(id);
}

async function loadContext(id) {
  showContextLoading();
  const { status, data } = await apiCalls.fetchContext(id);
  if (state.current !== id) return;
  renderContext(data, status);
}

function currentItem() {
  return state.current ? state.byId.get(state.current) : null;
}

async function move(step) {
  const id = neighbourId(state, step);
  if (id && id !== state.current) return select(id);
  // at the end of the list: the next batch of the queue, or the next page
  if (isClaiming(state.filters) && step > 0) return void (await load());
  if (!isClaiming(state.filters) && hasPage(state, step)) {
    state.offset = Math.max(0, state.offset + step * state.items.length);
    state.current = null;
    await load();
  }
}

/** After a decision: the next open record of the list, or the next batch. */
async function advance(fromId) {
  const next = nextOpenId(state, fromId);
  if (next) return select(next);
  if (isClaiming(state.filters)) await load();
  else select(fromId);
}

// ---------- decisions ----------

function reviewerName() {
  return $('reviewer').value.trim();
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

function afterChange() {
  renderQueue(state, select);
  markCurrent(state);
}

/** Sends a decision; on success moves on, on a refusal shows why and keeps the record. */
async function send(body, after) {
  if (state.busy) return false;
  if (!reviewerName()) {
    showMessage('Enter your name in the Reviewer box first.', true);
    $('reviewer').focus();
    return false;
  }
  state.busy = true;
  try {
    const { status, data } = await apiCalls.postDecision({ ...body, reviewer: reviewerName(), session: state.session });
    if (data.item) replaceItem(state, data.item);
    if (status === 201) {
      savedChanges++;
      hideMessage();
      state.unlocked = null;
      if (body.action === 'undo') setOwnDecisions(ownDecisions().filter((d) => d.decisionId !== body.undoes));
      else setOwnDecisions([...ownDecisions(), { decisionId: data.decision.id, recordId: body.recordId }]);
      afterChange();
      if (data.offers && data.offers.length > 0) {
        select(body.recordId);
        showOffer(body.recordId, data.offers);
      } else if (after === 'advance') await advance(body.recordId);
      else select(body.recordId);
      showMessage(body.action === 'undo' ? 'Undone.' : `Saved: ${ACTION_TEXT[body.action]}.`, false);
      void refreshCounters();
      return true;
    }
    afterChange();
    select(body.recordId);
    const issues = (data.issues || []).map((i) => `${i.path || '(record)'}: ${i.message}`);
    if (state.mode === 'edit' && status === 400) showIssues([data.error || `HTTP ${status}`, ...issues]);
    else showMessage([data.error || `HTTP ${status}`, ...issues].join(' — '), true);
    return false;
  } finally {
    state.busy = false;
  }
}

async function refreshCounters() {
  const params = new URLSearchParams(stateQuery(state));
  params.set('claim', '0');
  params.set('limit', '1');
  const { status, data } = await apiCalls.fetchState(params.toString());
  if (status === 200) {
    state.progress = data.progress;
    renderCounters(state);
  }
}

function decide(action) {
  const item = currentItem();
  if (state.mode !== 'view' || !item) return;
  const gate = decisionGate(state, item);
  if (!gate.ok) return showMessage(gate.text, true);
  void send({ recordId: item.record.id, action, basedOn: item.head ? item.head.id : null, change: gate.change || undefined }, 'advance');
}

function unlock() {
  const item = currentItem();
  if (!item) return;
  if (!isDecided(item)) return showMessage('This record has no decision to change.', true);
  state.unlocked = item.record.id;
  renderRecord(state);
  showMessage('Changing the decision: press a, x or e.', false);
}

async function skip() {
  const item = currentItem();
  if (!item) return;
  const id = item.record.id;
  const { status, data } = await apiCalls.postSkip({ recordId: id, session: state.session, reviewer: reviewerName() || undefined });
  if (status !== 200) return showMessage(`Not skipped: ${data.error || status}`, true);
  const next = nextOpenId(state, id);
  state.items = state.items.filter((it) => it.record.id !== id);
  state.byId.delete(id);
  afterChange();
  if (next) select(next);
  else await load();
  showMessage('Skipped: the record goes back to the queue for someone else.', false);
}

function undoLast() {
  const own = ownDecisions();
  const last = own[own.length - 1];
  if (!last) return showMessage('Nothing to undo: you have made no decision in this tab.', true);
  const item = state.byId.get(last.recordId);
  if (!item) {
    // the record is not on this page any more: ask the server for it
    void (async () => {
      const { status, data } = await apiCalls.postDecision({ recordId: last.recordId, action: 'undo', undoes: last.decisionId, basedOn: last.decisionId, reviewer: reviewerName(), session: state.session });
      if (status === 201) {
        setOwnDecisions(own.slice(0, -1));
        await load(last.recordId);
        if (!state.byId.has(last.recordId) && data.item) {
          state.items.unshift(data.item);
          state.byId.set(last.recordId, data.item);
          afterChange();
          select(last.recordId);
        }
        showMessage('Undone.', false);
      } else showMessage(`Not undone: ${data.error || status}`, true);
    })();
    return;
  }
  void send({ recordId: last.recordId, action: 'undo', undoes: last.decisionId, basedOn: item.head ? item.head.id : null }, 'stay');
}

// ---------- bulk accept and apply-to-article ----------

function startBulk() {
  const item = currentItem();
  if (!item) return;
  state.mode = 'bulk';
  $('bulk').hidden = false;
}

function endPrompt() {
  state.mode = 'view';
  $('bulk').hidden = true;
  $('offer').hidden = true;
  state.offers = [];
}

async function bulkAccept(scope) {
  const item = currentItem();
  endPrompt();
  if (!item) return;
  const { status, data } = await apiCalls.postBulkAccept({ recordId: item.record.id, scope, session: state.session, reviewer: reviewerName() || undefined });
  if (status !== 200) return showMessage(`Not accepted: ${data.error || status}`, true);
  savedChanges++;
  for (const it of data.decided) {
    replaceItem(state, it);
    setOwnDecisions([...ownDecisions(), { decisionId: it.head.id, recordId: it.record.id }]);
  }
  afterChange();
  renderRecord(state);
  showMessage(`Accepted ${data.decided.length} figure(s) of the ${scope}${data.heldByOthers ? `; ${data.heldByOthers} held by others left alone` : ''}.`, false);
  void refreshCounters();
  if (isDecided(state.byId.get(item.record.id))) await advance(item.record.id);
}

function showOffer(recordId, offers) {
  state.mode = 'offer';
  state.offers = offers;
  state.offerRecord = recordId;
  const text = offers.map((o) => `${FIELD_TEXT[o.field]} ${formatField(o.field, o.old)} → ${formatField(o.field, o.new)} (${o.records} record${o.records === 1 ? '' : 's'})`).join('; ');
  $('offer-text').textContent = `Make the same change to the other open records of this article that have it: ${text}?`;
  $('offer').hidden = false;
}

async function applyOffer() {
  const offers = state.offers;
  const recordId = state.offerRecord;
  endPrompt();
  let count = 0;
  for (const offer of offers) {
    const { status, data } = await apiCalls.postApply({ recordId, field: offer.field, session: state.session, reviewer: reviewerName() || undefined });
    if (status !== 200) {
      showMessage(`Not applied: ${data.error || status}`, true);
      return;
    }
    savedChanges++;
    for (const it of data.decided) {
      replaceItem(state, it);
      setOwnDecisions([...ownDecisions(), { decisionId: it.head.id, recordId: it.record.id }]);
    }
    count += data.decided.length;
  }
  afterChange();
  showMessage(`Corrected ${count} more record(s) of the article.`, false);
  void refreshCounters();
  await advance(recordId);
}

async function dismissOffer() {
  const recordId = state.offerRecord;
  const wasOffer = state.mode === 'offer';
  endPrompt();
  if (wasOffer && recordId) await advance(recordId);
}

// ---------- editing ----------

/** Opens the editor; `field` is focused; words selected in the article become the metric or period. */
function startEdit(field) {
  const item = currentItem();
  if (!item) return;
  const gate = decisionGate(state, item);
  if (!gate.ok) return showMessage(gate.text, true);
  const selection = selectedArticleText();
  const preset = selection && (field === 'metric' || field === 'period') ? { field, text: selection } : null;
  state.mode = 'edit';
  fillEditor(item.record, preset);
  renderRecord(state);
  focusField(field || 'city');
}

function selectedArticleText() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !$('r-context').contains(sel.anchorNode)) return '';
  return sel.toString().replace(/\s+/g, '').slice(0, 80);
}

function cancelEdit() {
  state.mode = 'view';
  if ($('edit-form').contains(document.activeElement)) document.activeElement.blur();
  renderRecord(state);
}

async function saveEdit() {
  const item = currentItem();
  if (!item || state.mode !== 'edit' || state.busy) return;
  const form = await readEditor(item.record);
  if (form.problems) return showIssues(form.problems);
  const gate = decisionGate(state, item);
  const saved = await sendEdit(item, form.fields, gate.ok && gate.change);
  if (saved) {
    if ($('edit-form').contains(document.activeElement)) document.activeElement.blur();
  }
}

async function sendEdit(item, fields, change) {
  state.mode = 'saving';
  const ok = await send({ recordId: item.record.id, action: 'correct', fields, basedOn: item.head ? item.head.id : null, change: change || undefined }, 'advance');
  if (!ok) state.mode = 'edit';
  else if (state.mode === 'saving') state.mode = 'view';
  renderRecord(state);
  return ok;
}

// ---------- filters ----------

function saveFilters() {
  localStorage.setItem(storageKey('filters'), JSON.stringify(state.filters));
}

function restoreFilters() {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey('filters')) || '{}');
    for (const key of FILTER_KEYS) if (typeof saved[key] === 'string') state.filters[key] = saved[key];
  } catch {
    /* a damaged saved filter is not worth a message */
  }
}

function showFilters() {
  $('f-all').checked = state.filters.view === 'all';
  for (const key of FILTER_KEYS) if (key !== 'view') $(`f-${key}`).value = state.filters[key];
}

function onFilterChange() {
  state.filters.view = $('f-all').checked ? 'all' : 'queue';
  for (const key of FILTER_KEYS) if (key !== 'view') state.filters[key] = $(`f-${key}`).value;
  state.offset = 0;
  saveFilters();
  void load();
}

let metricTimer = null;
function onMetricInput() {
  clearTimeout(metricTimer);
  metricTimer = setTimeout(onFilterChange, 250);
}

// ---------- keys ----------

function toggleHelp() {
  const help = $('help');
  if (help.open) help.close();
  else help.showModal();
}

function scrollArticle(how) {
  const box = $('r-context');
  const page = box.clientHeight * 0.85;
  if (how === 'page-down') box.scrollBy({ top: page });
  else if (how === 'page-up') box.scrollBy({ top: -page });
  else if (how === 'top') box.scrollTop = 0;
  else box.scrollTop = box.scrollHeight;
}

const COMMANDS = {
  accept: () => decide('accept'),
  reject: () => decide('reject'),
  edit: () => startEdit('city'),
  'edit-city': () => startEdit('city'),
  'edit-metric': () => startEdit('metric'),
  'edit-period': () => startEdit('period'),
  'edit-value': () => startEdit('value'),
  'edit-status': () => startEdit('status'),
  skip: () => void skip(),
  change: unlock,
  undo: undoLast,
  bulk: startBulk,
  'bulk-sentence': () => void bulkAccept('sentence'),
  'bulk-article': () => void bulkAccept('article'),
  'apply-offer': () => void applyOffer(),
  dismiss: () => {
    if (state.mode === 'bulk' || state.mode === 'offer') void dismissOffer();
    else hideMessage();
  },
  next: () => void move(1),
  previous: () => void move(-1),
  help: toggleHelp,
  filter: () => $('f-metric').focus(),
  'page-down': () => scrollArticle('page-down'),
  'page-up': () => scrollArticle('page-up'),
  top: () => scrollArticle('top'),
  bottom: () => scrollArticle('bottom'),
  save: () => void saveEdit(),
  cancel: cancelEdit,
  'focus-city': () => focusField('city'),
  'focus-metric': () => focusField('metric'),
  'focus-period': () => focusField('period'),
  'focus-value': () => focusField('value'),
  'focus-status': () => focusField('status'),
};

function onKey(event) {
  if ($('help').open) {
    if (event.key === '?') toggleHelp(); // the dialog handles Esc itself
    return;
  }
  const target = event.target;
  const typing = target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
  const mode = state.mode === 'saving' ? 'edit' : state.mode;
  const command = keyCommand(mode, { key: event.key, code: event.code, alt: event.altKey, ctrl: event.ctrlKey, meta: event.metaKey, typing, composing: event.isComposing });
  if (command === null) return;
  if (mode === 'edit' && command === 'save' && target instanceof HTMLButtonElement) return;
  event.preventDefault();
  if (command === 'leave-box') {
    if (target.id === 'f-metric' && event.key === 'Escape' && target.value !== '') {
      target.value = '';
      onFilterChange();
    } else if (target.id === 'f-metric') {
      clearTimeout(metricTimer);
      if (state.filters.metric !== target.value) onFilterChange();
    }
    target.blur();
    return;
  }
  if (state.mode === 'saving') return;
  COMMANDS[command]();
}

// ---------- start ----------

async function start() {
  state.session = sessionStorage.getItem('zhstat-review:session') || newSession();
  sessionStorage.setItem('zhstat-review:session', state.session);
  const reviewer = $('reviewer');
  reviewer.value = localStorage.getItem('zhstat-review:reviewer') || '';
  // the first answer names the output folder (for saved filters) and the server's reviewer
  const first = await apiCalls.fetchState(`session=${state.session}&limit=1`);
  if (first.status === 200) {
    state.outDir = first.data.outDir;
    if (!reviewer.value) reviewer.value = first.data.reviewer;
  }
  restoreFilters();
  showFilters();
  await load(sessionStorage.getItem(storageKey('current')));

  $('f-all').addEventListener('change', onFilterChange);
  for (const key of ['review', 'flag', 'file', 'city', 'status']) $(`f-${key}`).addEventListener('change', onFilterChange);
  $('f-metric').addEventListener('input', onMetricInput);
  $('f-reset').addEventListener('click', () => {
    Object.assign(state.filters, FILTER_DEFAULTS);
    showFilters();
    onFilterChange();
  });
  reviewer.addEventListener('change', () => {
    localStorage.setItem('zhstat-review:reviewer', reviewerName());
    state.reviewer = reviewerName();
    renderCounters(state);
  });
  const buttons = {
    'help-button': toggleHelp, 'help-close': () => $('help').close(),
    'b-accept': () => decide('accept'), 'b-reject': () => decide('reject'), 'b-edit': () => startEdit('city'),
    'b-skip': () => void skip(), 'b-change': unlock, 'b-undo': undoLast, 'b-bulk': startBulk,
    'b-next': () => void move(1), 'b-prev': () => void move(-1),
    'bulk-sentence': () => void bulkAccept('sentence'), 'bulk-article': () => void bulkAccept('article'), 'bulk-cancel': () => void dismissOffer(),
    'offer-yes': () => void applyOffer(), 'offer-no': () => void dismissOffer(),
    'message-close': hideMessage, 'e-cancel': cancelEdit,
  };
  for (const [id, action] of Object.entries(buttons)) {
    $(id).addEventListener('click', (event) => {
      // a clicked button keeps no focus, so Space and Enter stay keys of the page, not presses of it
      event.currentTarget.blur();
      action();
    });
  }
  $('e-city').addEventListener('input', suggestCities);
  $('e-value').addEventListener('input', rescaleNormalized);
  $('e-norm-value').addEventListener('input', () => { $('e-norm-value').dataset.touched = 'yes'; });
  $('edit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void saveEdit();
  });
  document.addEventListener('keydown', onKey);
  // other reviewers' decisions: picked up when the reviewer comes back to the tab
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.mode === 'view') void load(state.current);
  });
  // a closed tab lets its records go at once (a tab that crashes keeps them until its lease ends)
  window.addEventListener('pagehide', () => apiCalls.releaseOnLeave(state.session));
  document.body.dataset.ready = 'yes';
}

void start();
