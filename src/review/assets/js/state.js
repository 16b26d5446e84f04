// The page's state and the rules that move it: which records are shown, which comes next, what a
// key does, whether a decision may be sent. Pure (no DOM, no fetch): tested in Node.

export const FILTER_KEYS = ['view', 'review', 'flag', 'file', 'city', 'status', 'metric'];
export const FILTER_DEFAULTS = { view: 'queue', review: 'open', flag: '', file: '', city: '', status: '', metric: '' };
/** Records a page holds at once while working through the open queue. */
export const CLAIM_BATCH = 20;
/** Records per page when browsing (any other filter). */
export const PAGE_SIZE = 50;

export function createState() {
  return {
    outDir: '',
    session: '',
    reviewer: '',
    filters: { ...FILTER_DEFAULTS },
    items: [],
    byId: new Map(),
    total: 0,
    offset: 0,
    progress: null,
    options: { flags: [], files: [], cities: [] },
    leaseUntil: null,
    current: null,
    /** view | edit | bulk (choosing sentence or article) | offer (apply a correction to the article?) */
    mode: 'view',
    /** The decided record the reviewer asked to change (d), or null. */
    unlocked: null,
    busy: false,
    offers: [],
    offerRecord: null,
  };
}

/** The open queue is worked through by holding a batch; every other view is browsed page by page. */
export function isClaiming(filters) {
  return filters.view === 'queue' && filters.review === 'open';
}

export function stateQuery(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filters[key] !== '') params.set(key, state.filters[key]);
  params.set('session', state.session);
  if (state.reviewer) params.set('reviewer', state.reviewer);
  if (isClaiming(state.filters)) {
    params.set('claim', '1');
    params.set('limit', String(CLAIM_BATCH));
  } else {
    params.set('offset', String(state.offset));
    params.set('limit', String(PAGE_SIZE));
  }
  return params.toString();
}

/** Takes in a /api/state answer; the current record stays if it is still listed. */
export function applyStateResponse(state, data) {
  state.outDir = data.outDir;
  state.items = data.items;
  state.byId = new Map(data.items.map((it) => [it.record.id, it]));
  state.total = data.total;
  state.offset = data.offset;
  state.progress = data.progress;
  state.options = data.options;
  state.leaseUntil = data.leaseUntil;
  if (state.current !== null && !state.byId.has(state.current)) state.current = null;
  return state;
}

export function replaceItem(state, item) {
  const at = state.items.findIndex((it) => it.record.id === item.record.id);
  if (at >= 0) state.items[at] = item;
  state.byId.set(item.record.id, item);
}

export function isDecided(item) {
  return Boolean(item && item.head !== null);
}

export function heldByOther(item) {
  return Boolean(item && item.lease && !item.lease.mine);
}

/** An item the reviewer can decide now without asking for anything. */
export function isOpen(item) {
  return !isDecided(item) && !heldByOther(item);
}

/** The next open record after `fromId` in the list (wrapping to the start), or null. */
export function nextOpenId(state, fromId) {
  const ids = state.items.map((it) => it.record.id);
  const at = ids.indexOf(fromId);
  for (let k = 1; k <= ids.length; k++) {
    const id = ids[(at + k + ids.length) % ids.length];
    if (id !== fromId && isOpen(state.byId.get(id))) return id;
  }
  return null;
}

/** The record `step` places away from the current one, kept within the list. */
export function neighbourId(state, step) {
  if (state.items.length === 0) return null;
  const ids = state.items.map((it) => it.record.id);
  const at = ids.indexOf(state.current);
  if (at < 0) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))];
}

/** Whether a browsing page has more records after (step 1) or before (step -1) this one. */
export function hasPage(state, step) {
  return step > 0 ? state.offset + state.items.length < state.total : state.offset > 0;
}

/** May the page send accept/reject/correct on this item? A decided record needs the reviewer's explicit change (d). */
export function decisionGate(state, item) {
  if (!item) return { ok: false, reason: 'none', text: 'No record is selected.' };
  if (heldByOther(item)) return { ok: false, reason: 'held', text: `${item.lease.reviewer} is working on this record.` };
  if (isDecided(item) && state.unlocked !== item.record.id) {
    return { ok: false, reason: 'decided', text: `Already ${item.record.review} by ${item.head.reviewer}. Press d to change the decision.` };
  }
  return { ok: true, change: isDecided(item) };
}

/** Keys of the record view. */
const VIEW_KEYS = {
  a: 'accept', x: 'reject', e: 'edit', n: 'skip', d: 'change', u: 'undo', A: 'bulk',
  j: 'next', k: 'previous', ArrowDown: 'next', ArrowUp: 'previous',
  c: 'edit-city', m: 'edit-metric', p: 'edit-period', v: 'edit-value', s: 'edit-status',
  '?': 'help', '/': 'filter', Escape: 'dismiss',
  ' ': 'page-down', PageDown: 'page-down', PageUp: 'page-up', Home: 'top', End: 'bottom',
};
/** Keys of the editor (with Alt, so that they never type into a box). */
const EDIT_ALT_KEYS = { c: 'focus-city', m: 'focus-metric', p: 'focus-period', v: 'focus-value', s: 'focus-status' };

/**
 * What a key press means in a mode. `key` as KeyboardEvent.key; `code` as KeyboardEvent.code (Alt
 * changes key on some layouts); `typing`: the focus is in a text box or list.
 */
export function keyCommand(mode, { key, code = '', alt = false, ctrl = false, meta = false, typing = false, composing = false }) {
  if (ctrl || meta) return null;
  if (mode === 'edit') {
    if (alt) {
      const letter = /^Key([A-Z])$/.exec(code)?.[1]?.toLowerCase() ?? key.toLowerCase();
      return EDIT_ALT_KEYS[letter] ?? null;
    }
    if (key === 'Enter' && !composing) return 'save';
    if (key === 'Escape') return 'cancel';
    return null;
  }
  if (alt) return null;
  if (mode === 'bulk') return { s: 'bulk-sentence', t: 'bulk-article', Escape: 'dismiss' }[key] ?? null;
  if (mode === 'offer') return { y: 'apply-offer', n: 'dismiss', Escape: 'dismiss' }[key] ?? null;
  if (typing) return key === 'Escape' ? 'leave-box' : key === 'Enter' ? 'leave-box' : null;
  return VIEW_KEYS[key] ?? null;
}
