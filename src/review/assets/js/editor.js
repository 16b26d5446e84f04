// The correction form: filled from the record, read back into the fields a correction sends.
import { $, el, clear } from './dom.js';
import { cityLabel } from './format.js';
import { fetchPlaces } from './api.js';

/** The form control each field key (c m p v s) goes to. */
export const FIELD_INPUTS = { city: 'e-city', metric: 'e-metric-name', period: 'e-period-text', value: 'e-value', status: 'e-status' };

let placeSuggestions = [];
let baseRecord = null;

/** Fills the form from the record; `preset` puts words selected in the article into a field. */
export function fillEditor(record, preset) {
  const r = record;
  baseRecord = r;
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
  if (preset && preset.field === 'metric') {
    $('e-metric-name').value = preset.text;
    $('e-metric-id').value = '';
  }
  if (preset && preset.field === 'period') $('e-period-text').value = preset.text;
  clear($('e-issues'));
}

export function focusField(field) {
  const input = $(FIELD_INPUTS[field] || 'e-city');
  input.focus();
  if (typeof input.select === 'function' && input.tagName === 'INPUT') input.select();
}

export function showIssues(lines) {
  const list = $('e-issues');
  clear(list);
  for (const line of lines) list.appendChild(el('li', null, line));
  // the issues sit above the form's fields, in view
  if (lines.length > 0) list.scrollIntoView({ block: 'nearest' });
}

let suggestTimer = null;
export function suggestCities() {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    const query = $('e-city').value.trim();
    const places = query ? await placesFor(query) : [];
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

async function placesFor(query) {
  const { status, data } = await fetchPlaces(query);
  return status === 200 ? data.places : [];
}

/** The city the form names: unchanged, none, or exactly one gazetteer place. */
async function resolveCity(current) {
  const text = $('e-city').value.trim();
  if (text === '') return { city: null };
  if (current && text === cityLabel(current)) return { city: current };
  const places = placeSuggestions.some((p) => cityLabel(p) === text) ? placeSuggestions : await placesFor(text);
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

/** The value scaled as the record's normalized value was, or null. */
function rescaled(r, value) {
  if (r.value === 0 || value === null) return null;
  return Number((value * (r.normalized.value / r.value)).toPrecision(12));
}

/** Changing the value rescales the normalized value with the same factor, unless it was edited by hand. */
export function rescaleNormalized() {
  const norm = $('e-norm-value');
  if (!baseRecord || norm.dataset.touched) return;
  const text = $('e-value').value.trim();
  const v = Number(text);
  const scaled = text !== '' && Number.isFinite(v) ? rescaled(baseRecord, v) : null;
  norm.value = scaled === null ? '' : String(scaled);
}

/** The correction the form describes: `{ fields }`, or `{ problems }` in words. */
export async function readEditor(record) {
  const r = record;
  const problems = [];
  const resolved = await resolveCity(r.city);
  if (resolved.error) problems.push(resolved.error);
  const value = numberOrNull('e-value', 'value', problems, false);
  if (value === null && !problems.some((p) => p.startsWith('value'))) problems.push('value: required');
  // an untouched normalized value follows the final value, never a half-typed one
  const norm = $('e-norm-value');
  if (!norm.dataset.touched && value !== null && rescaled(r, value) !== null) norm.value = String(rescaled(r, value));
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
  if (problems.length > 0) return { problems };
  const orNull = (id) => ($(id).value.trim() === '' ? null : $(id).value.trim());
  return {
    fields: {
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
    },
  };
}
