// The list of records on the left and the counters in the top bar.
import { $, el, clear } from './dom.js';
import { REVIEW_TEXT, counterText, reviewersText, clockText } from './format.js';
import { isClaiming, isDecided, heldByOther } from './state.js';

export function renderQueue(state, onSelect) {
  const list = $('queue-list');
  clear(list);
  for (const item of state.items) {
    const r = item.record;
    const id = r.id;
    const held = heldByOther(item);
    const li = el('li', `queue-item review-${r.review}${id === state.current ? ' current' : ''}${held ? ' held' : ''}`);
    li.dataset.id = id;
    const top = el('div', 'q-top');
    top.appendChild(el('span', 'q-quote', r.quote));
    const badgeText = held ? `held by ${item.lease.reviewer}` : REVIEW_TEXT[r.review];
    top.appendChild(el('span', `q-state badge review-${r.review}`, badgeText));
    li.appendChild(top);
    li.appendChild(el('div', 'q-metric', `${r.city ? r.city.name : 'no city'} · ${r.metric.name || 'no metric'}`));
    li.appendChild(el('div', 'q-meta', `${r.confidence.toFixed(2)} · ${r.doc.file}`));
    li.addEventListener('click', () => onSelect(id));
    list.appendChild(li);
  }
  const decided = state.items.filter(isDecided).length;
  let note;
  if (isClaiming(state.filters)) {
    note = state.items.length === 0
      ? 'Nothing left to review here.'
      : `${state.items.length - decided} held for you${state.leaseUntil ? ` until ${clockText(state.leaseUntil)}` : ''} · ${state.total} open in this queue`;
  } else {
    note = state.total === 0 ? 'Nothing matches.' : `${state.offset + 1}–${state.offset + state.items.length} of ${state.total}`;
  }
  $('queue-note').textContent = note;
}

export function markCurrent(state) {
  for (const li of $('queue-list').children) {
    const on = li.dataset.id === state.current;
    li.classList.toggle('current', on);
    if (on) li.scrollIntoView({ block: 'nearest' });
  }
}

export function renderCounters(state) {
  $('counter').textContent = counterText(state.progress);
  $('reviewers').textContent = reviewersText(state.progress, state.reviewer);
}

function fillSelect(select, values) {
  const keep = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const v of values) {
    const opt = el('option', null, v);
    opt.value = v;
    select.appendChild(opt);
  }
  select.value = values.includes(keep) ? keep : '';
}

export function renderFilterOptions(state) {
  fillSelect($('f-flag'), state.options.flags);
  fillSelect($('f-file'), state.options.files);
  fillSelect($('f-city'), ['(none)', ...state.options.cities]);
  for (const key of ['flag', 'file', 'city']) $(`f-${key}`).value = state.filters[key];
}
