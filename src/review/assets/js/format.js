// How records and decisions read on the page. Pure (no DOM): tested in Node.

export const REVIEW_TEXT = { auto: 'auto', needs_review: 'to review', accepted: 'accepted', corrected: 'corrected', rejected: 'rejected' };
export const ACTION_TEXT = { accept: 'accepted', correct: 'corrected', reject: 'rejected', undo: 'undid a decision' };
export const FIELD_TEXT = { city: 'city', metric: 'metric', period: 'period', value: 'value', status: 'status' };

export function cityLabel(city) {
  if (!city) return '';
  return city.code ? `${city.name} ${city.code}` : city.name;
}

export function periodText(p) {
  if (!p) return 'no period';
  const years = p.year === null ? 'year unknown' : p.endYear !== null ? `${p.year}–${p.endYear}` : String(p.year);
  const months = p.startMonth !== null ? `, months ${p.startMonth}–${p.endMonth ?? p.startMonth}` : '';
  return `${p.text || '(no words)'} · ${years}${months}`;
}

/** A number as people read it: at most 6 significant digits, thousands grouped. */
export function numberText(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n);
  return Number(n.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function formatField(field, value) {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'city':
      return `${value.name} · ${value.code || 'no code'} · ${value.level}${value.parent ? ` · in ${value.parent}` : ''}`;
    case 'metric':
      return `${value.name}${value.id ? ` [${value.id}]` : ''}${value.text && value.text !== value.name ? ` (text: ${value.text})` : ''}`;
    case 'normalized':
      return `${value.value} ${value.unit}`;
    case 'period':
      return periodText(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/**
 * The record's claim in one line, part by part: 城市 · 指标 · 数值 (normalized) · kind · status · 期间.
 * Each part names the field it shows, so the page can mark it and a test can find it.
 */
export function claimParts(r) {
  const unit = r.unit ? r.unit : '';
  const value = `${r.approx ? `${r.approx} ` : ''}${numberText(r.value)}${unit}`;
  const normalized = r.normalized && !(r.normalized.value === r.value && r.normalized.unit === r.unit) ? ` (${numberText(r.normalized.value)} ${r.normalized.unit})` : '';
  return [
    { field: 'city', text: r.city ? r.city.name : 'no city' },
    { field: 'metric', text: r.metric.name || 'no metric' },
    { field: 'value', text: value + normalized },
    { field: 'kind', text: r.basis ? `${r.kind} (${r.basis})` : r.kind },
    { field: 'status', text: r.status },
    { field: 'period', text: r.period ? `${r.period.text || '(no words)'}${r.period.year !== null ? ` [${r.period.year}${r.period.endYear !== null ? `–${r.period.endYear}` : ''}]` : ''}` : 'no period' },
  ];
}

export function timeText(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function clockText(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The top bar's count: records sent to review (auto records never count), how many are decided. */
export function counterText(progress) {
  if (!progress) return '';
  return `${progress.decided} of ${progress.queue} decided`;
}

/** Each reviewer's share, the page's own reviewer first. */
export function reviewersText(progress, me) {
  if (!progress) return '';
  const mine = progress.reviewers.find((r) => r.reviewer === me);
  const others = progress.reviewers.filter((r) => r.reviewer !== me);
  const parts = [`you ${mine ? mine.records : 0}`, ...others.map((r) => `${r.reviewer} ${r.records}`)];
  if (progress.heldByOthers > 0) parts.push(`${progress.heldByOthers} held by others`);
  return parts.join(' · ');
}
