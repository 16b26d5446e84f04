// The record on the right: its claim in one line, why it is here, the actions, the article with the
// words the record was read from marked, its fields and its history.
import { $, el, clear } from './dom.js';
import { REVIEW_TEXT, ACTION_TEXT, claimParts, formatField, timeText, clockText } from './format.js';
import { isDecided, heldByOther } from './state.js';

export function renderRecord(state) {
  const item = state.current ? state.byId.get(state.current) : null;
  $('record').hidden = !item;
  $('empty').hidden = Boolean(item);
  if (!item) return;
  const r = item.record;

  const claim = $('claim');
  clear(claim);
  claimParts(r).forEach((part, i) => {
    if (i > 0) claim.appendChild(el('span', 'claim-sep', '·'));
    const span = el('span', `claim-part claim-${part.field}`, part.text);
    span.dataset.field = part.field;
    claim.appendChild(span);
  });

  const badge = $('r-review');
  badge.textContent = heldByOther(item) ? `held by ${item.lease.reviewer}` : REVIEW_TEXT[r.review];
  badge.className = `badge review-${r.review}`;
  $('r-quote').textContent = r.quote;
  $('r-confidence').textContent = `confidence ${r.confidence.toFixed(2)}`;
  const at = state.items.findIndex((it) => it.record.id === r.id);
  $('r-position').textContent = at >= 0 ? `${state.offset + at + 1} / ${state.total}` : '';

  const decided = $('r-decided');
  if (isDecided(item)) {
    const h = item.head;
    decided.textContent = `${h.reviewer} ${ACTION_TEXT[h.action]} this at ${timeText(h.at)}. ${state.unlocked === r.id ? 'Changing the decision: a, x or e.' : 'Press d to change the decision.'}`;
    decided.hidden = false;
  } else if (heldByOther(item)) {
    decided.textContent = `${item.lease.reviewer} is working on this record (until ${clockText(item.lease.until)}).`;
    decided.hidden = false;
  } else {
    decided.hidden = true;
  }

  const reasons = $('r-reasons');
  clear(reasons);
  for (const reason of item.reasons) {
    const li = el('li', 'reason');
    li.dataset.code = reason.code;
    li.appendChild(el('span', null, reason.text));
    reasons.appendChild(li);
  }
  const shown = new Set(item.reasons.map((x) => x.code));
  for (const note of item.notes) {
    if (shown.has(note.flag)) continue;
    const li = el('li', 'note');
    li.appendChild(el('code', null, note.flag));
    li.appendChild(el('span', null, ` ${note.text}`));
    reasons.appendChild(li);
  }

  $('r-doc').textContent = `${r.doc.file} · article ${r.doc.article}${r.doc.title ? ` · ${r.doc.title}` : ''}${r.doc.published ? ` · ${r.doc.published}` : ''}`;
  $('r-sentence').textContent = r.sentence;

  const fields = $('r-fields');
  clear(fields);
  const changed = new Set(item.history.filter((d) => d.action === 'correct').flatMap((d) => Object.keys(d.changes)));
  const rows = [
    ['city', r.city], ['subject', r.subject], ['metric', r.metric], ['value', r.value], ['unit', r.unit],
    ['normalized', r.normalized], ['kind', r.kind], ['basis', r.basis], ['status', r.status],
    ['period', r.period], ['approx', r.approx],
  ];
  for (const [name, value] of rows) {
    fields.appendChild(el('dt', null, name));
    const dd = el('dd', changed.has(name) ? 'changed' : null, formatField(name, value));
    dd.dataset.field = name;
    fields.appendChild(dd);
  }
  const editing = state.mode === 'edit';
  fields.hidden = editing;
  $('record-body').classList.toggle('editing', editing);
  $('edit-form').hidden = !editing;
  $('b-accept').disabled = editing;
  $('b-reject').disabled = editing;
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

/** The article window: plain text with the figure and the words of city, metric and period marked. */
export function renderContext(data, status) {
  const box = $('r-context');
  clear(box);
  $('r-context-note').textContent = '';
  const notes = $('r-evidence-notes');
  clear(notes);
  if (status !== 200) {
    box.appendChild(el('span', 'muted', `No article text: ${data.error || status}`));
    return;
  }
  if (data.table) box.appendChild(renderTable(data.table));
  if (data.clippedStart) box.appendChild(el('span', 'muted', '… '));
  // marks may overlap (a metric read inside the words of a city…): the text is cut at every mark
  // boundary and each piece carries the kinds of all marks over it
  const cuts = [...new Set([0, data.text.length, ...data.marks.flatMap((m) => [m.start, m.end])])].filter((x) => x >= 0 && x <= data.text.length).sort((a, b) => a - b);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [from, to] = [cuts[k], cuts[k + 1]];
    const kinds = data.marks.filter((m) => m.start <= from && to <= m.end).map((m) => m.kind);
    const piece = data.text.slice(from, to);
    if (kinds.length === 0) {
      box.appendChild(document.createTextNode(piece));
      continue;
    }
    const span = el('span', `mark ${kinds.map((kind) => `mark-${kind}`).join(' ')}`, piece);
    span.title = kinds.join(', ');
    span.dataset.kind = kinds.join(' ');
    box.appendChild(span);
  }
  if (data.clippedEnd) box.appendChild(el('span', 'muted', ' …'));
  $('r-context-note').textContent = data.note ? `(${data.note})` : '';
  for (const note of data.evidenceNotes || []) notes.appendChild(el('li', null, note));
  const figure = box.querySelector('.mark-figure');
  if (figure) {
    // scroll the article box only, never the page
    box.scrollTop = Math.max(0, figure.offsetTop - box.offsetTop - box.clientHeight / 3);
  }
}

/** A table the figure was read from: header row, a row per label, the figure's cell marked. */
function renderTable(table) {
  const t = el('table', 'article-table');
  const head = el('tr', 'header-row');
  for (const cell of table.header) head.appendChild(tableCell(cell));
  t.appendChild(head);
  for (const row of table.rows) {
    const tr = el('tr');
    for (const cell of row) tr.appendChild(tableCell(cell));
    t.appendChild(tr);
  }
  return t;
}

function tableCell(cell) {
  const td = el('td', cell.mark ? `cell-${cell.mark} mark-${cell.mark}` : null, cell.text);
  if (cell.mark) td.dataset.kind = cell.mark;
  return td;
}

export function showContextLoading() {
  const box = $('r-context');
  clear(box);
  box.appendChild(el('span', 'muted', 'loading…'));
}
