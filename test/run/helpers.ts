/** Small valid records and journal fixtures for the run tests. */
import type { StatRecord } from '../../src/record/schema';
import type { ExtractedFile } from '../../src/run/extract-one';
import type { Decision } from '../../src/decisions/schema';

export function record(id: string, review: StatRecord['review'] = 'auto', value = 1): StatRecord {
  return {
    schemaVersion: 1,
    id,
    doc: { file: 'in/a.txt', article: 0, title: null, paper: null, published: null },
    city: { name: '湖州市', code: '330500', level: 'prefecture', parent: '浙江省' },
    subject: null,
    metric: { name: '工业增加值', text: '工业增加值', id: null },
    kind: 'level',
    basis: null,
    value,
    unit: '亿元',
    normalized: { value: value * 1e8, unit: 'CNY' },
    approx: null,
    status: 'actual',
    period: null,
    span: [0, 5],
    quote: `${value}亿元`,
    sentence: `全市工业增加值${value}亿元。`,
    confidence: 0.9,
    flags: [],
    review,
    trace: ['test'],
  };
}

export function extracted(file: string, records: StatRecord[]): ExtractedFile {
  return {
    report: { file, status: 'ok', reason: null, encoding: 'utf-8', format: 'text', articles: 1, records: records.length, flagged: records.filter((r) => r.review === 'needs_review').length, invalid: [], published: null },
    records,
    sidecarError: null,
  };
}

export function decision(recordId: string, action: 'accept' | 'reject', id: string, old: StatRecord['review'] = 'needs_review'): Decision {
  return {
    schemaVersion: 1,
    id,
    recordId,
    action,
    changes: {},
    review: { old, new: action === 'accept' ? 'accepted' : 'rejected' },
    undoes: null,
    basedOn: null,
    reviewer: 'tester',
    at: '2024-01-01T00:00:00Z',
  };
}
