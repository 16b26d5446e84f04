// Unit tests of the review page's pure modules (state.js, format.js), run by Node's own test runner
// because the page's ES modules load as they are, with no build step (test/review/page-state.test.ts runs this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyStateResponse, createState, decisionGate, hasPage, isClaiming, keyCommand, neighbourId, nextOpenId, stateQuery, CLAIM_BATCH, PAGE_SIZE,
} from '../../../src/review/assets/js/state.js';
import { claimParts, counterText, reviewersText } from '../../../src/review/assets/js/format.js';

const record = (id, extra = {}) => ({
  id, review: 'needs_review', quote: '5亿元', confidence: 0.5, flags: [],
  city: { name: '嘉兴市', code: '330400', level: 'prefecture', parent: '浙江省' },
  metric: { name: '地区生产总值', text: '地区生产总值', id: null },
  value: 5, unit: '亿元', normalized: { value: 500000000, unit: 'CNY' }, approx: null,
  kind: 'level', basis: null, status: 'actual', period: { text: '2023年', year: 2023, endYear: null, startMonth: null, endMonth: null },
  ...extra,
});
const item = (id, extra = {}) => ({ record: record(id), head: null, lease: null, history: [], reasons: [], notes: [], ...extra });
const decidedBy = (reviewer) => ({ id: 'decision-1', reviewer, action: 'accept', at: '2026-01-01T00:00:00Z' });

function stateWith(items, filters = {}) {
  const state = createState();
  Object.assign(state.filters, filters);
  applyStateResponse(state, { outDir: 'out', items, total: items.length, offset: 0, progress: null, options: { flags: [], files: [], cities: [] }, leaseUntil: null });
  return state;
}

test('the open queue claims a batch for the session; other views page with an offset', () => {
  const state = stateWith([]);
  state.session = 'session-0001';
  const claiming = new URLSearchParams(stateQuery(state));
  assert.equal(claiming.get('claim'), '1');
  assert.equal(claiming.get('limit'), String(CLAIM_BATCH));
  assert.equal(claiming.get('session'), 'session-0001');
  assert.equal(claiming.get('offset'), null);
  state.filters.review = 'decided';
  state.offset = 100;
  const browsing = new URLSearchParams(stateQuery(state));
  assert.equal(isClaiming(state.filters), false);
  assert.equal(browsing.get('claim'), null);
  assert.equal(browsing.get('offset'), '100');
  assert.equal(browsing.get('limit'), String(PAGE_SIZE));
  assert.equal(browsing.get('review'), 'decided');
});

test('after a decision the next record is the next open one, skipping decided and held records, wrapping around', () => {
  const state = stateWith([
    item('r1'), item('r2', { head: decidedBy('ann') }), item('r3', { lease: { reviewer: 'bob', mine: false, until: '' } }), item('r4'), item('r5'),
  ]);
  assert.equal(nextOpenId(state, 'r1'), 'r4');
  assert.equal(nextOpenId(state, 'r5'), 'r1');
  const done = stateWith([item('r1', { head: decidedBy('ann') }), item('r2', { head: decidedBy('ann') })]);
  assert.equal(nextOpenId(done, 'r1'), null);
});

test('j/k stay within the list; a browsing page knows whether another page follows', () => {
  const state = stateWith([item('r1'), item('r2')]);
  state.current = 'r2';
  assert.equal(neighbourId(state, 1), 'r2');
  assert.equal(neighbourId(state, -1), 'r1');
  state.total = 120;
  state.offset = 50;
  assert.equal(hasPage(state, 1), true);
  assert.equal(hasPage(state, -1), true);
  state.offset = 0;
  assert.equal(hasPage(state, -1), false);
});

test('a decided record is never re-decided without d; a held record not at all', () => {
  const state = stateWith([item('r1', { head: decidedBy('ann') }), item('r2', { lease: { reviewer: 'bob', mine: false, until: '' } }), item('r3')]);
  const decided = state.byId.get('r1');
  assert.deepEqual(decisionGate(state, decided).reason, 'decided');
  assert.match(decisionGate(state, decided).text, /ann.*Press d/);
  state.unlocked = 'r1';
  assert.deepEqual(decisionGate(state, decided), { ok: true, change: true });
  assert.equal(decisionGate(state, state.byId.get('r2')).reason, 'held');
  assert.deepEqual(decisionGate(state, state.byId.get('r3')), { ok: true, change: false });
});

test('keys: one per action and per field; nothing types into a box; Esc and Enter leave a filter box', () => {
  assert.equal(keyCommand('view', { key: 'a' }), 'accept');
  assert.equal(keyCommand('view', { key: 'n' }), 'skip');
  assert.equal(keyCommand('view', { key: 'A' }), 'bulk');
  assert.deepEqual(['c', 'm', 'p', 'v', 's'].map((key) => keyCommand('view', { key })), ['edit-city', 'edit-metric', 'edit-period', 'edit-value', 'edit-status']);
  assert.equal(keyCommand('view', { key: ' ' }), 'page-down');
  assert.equal(keyCommand('view', { key: 'End' }), 'bottom');
  // a letter typed into the metric filter is text, not a command
  assert.equal(keyCommand('view', { key: 'j', typing: true }), null);
  assert.equal(keyCommand('view', { key: 'Escape', typing: true }), 'leave-box');
  assert.equal(keyCommand('view', { key: 'a', ctrl: true }), null);
  // in the editor, Alt+letter moves between fields whatever the layout makes of the key
  assert.equal(keyCommand('edit', { key: 'ç', code: 'KeyC', alt: true }), 'focus-city');
  assert.equal(keyCommand('edit', { key: 'Enter', composing: true }), null);
  assert.equal(keyCommand('edit', { key: 'Enter' }), 'save');
  assert.equal(keyCommand('bulk', { key: 's' }), 'bulk-sentence');
  assert.equal(keyCommand('bulk', { key: 't' }), 'bulk-article');
  assert.equal(keyCommand('offer', { key: 'y' }), 'apply-offer');
  assert.equal(keyCommand('offer', { key: 'a' }), null);
});

test('the claim line names every field it shows, the normalized value only when it differs', () => {
  const parts = claimParts(record('r1', { approx: 'about' }));
  assert.deepEqual(parts.map((p) => p.field), ['city', 'metric', 'value', 'kind', 'status', 'period']);
  assert.deepEqual(parts.map((p) => p.text), ['嘉兴市', '地区生产总值', 'about 5亿元 (500,000,000 CNY)', 'level', 'actual', '2023年 [2023]']);
  const plain = claimParts(record('r2', { city: null, value: 12.5, unit: '%', normalized: { value: 12.5, unit: '%' }, kind: 'growth', basis: 'yoy', period: null }));
  assert.deepEqual(plain.map((p) => p.text), ['no city', '地区生产总值', '12.5%', 'growth (yoy)', 'actual', 'no period']);
});

test('progress counts decided records of the queue only, and each reviewer by name', () => {
  const progress = { queue: 40, decided: 7, open: 33, heldByOthers: 12, reviewers: [{ reviewer: 'bob', records: 4, decisions: 5 }, { reviewer: 'ann', records: 3, decisions: 3 }] };
  assert.equal(counterText(progress), '7 of 40 decided');
  assert.equal(reviewersText(progress, 'ann'), 'you 3 · bob 4 · 12 held by others');
  assert.equal(reviewersText({ ...progress, reviewers: [], heldByOthers: 0 }, 'carol'), 'you 0');
});
