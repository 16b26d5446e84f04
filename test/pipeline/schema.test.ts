/** schema/record.schema.json is generated from the zod schema: it must be up to date, and mean the same. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recordJsonSchemaText } from '../../src/cli/schema';
import { RecordSchema } from '../../src/record/schema';

const FILE = path.join(__dirname, '..', '..', 'schema', 'record.schema.json');

test('the checked-in JSON Schema equals the one generated from zod (run `zhstat schema --write schema/record.schema.json`)', () => {
  expect(fs.readFileSync(FILE, 'utf8')).toBe(recordJsonSchemaText());
});

test('the JSON Schema requires every contract field', () => {
  const schema = JSON.parse(fs.readFileSync(FILE, 'utf8'));
  for (const field of ['schemaVersion', 'id', 'doc', 'city', 'subject', 'metric', 'kind', 'basis', 'value', 'unit', 'normalized', 'approx', 'status', 'period', 'span', 'quote', 'sentence', 'confidence', 'flags', 'review']) {
    expect(schema.required).toContain(field);
  }
  expect(schema.additionalProperties).toBe(false);
});

describe('the zod schema rejects records that break the contract, reporting every issue', () => {
  const valid = {
    schemaVersion: 1, id: 'abcdef0123456789abcd',
    doc: { file: 'a.txt', article: 0, title: null, paper: '湖州日报', published: '2022-07-25' },
    city: { name: '湖州市', code: '330500', level: 'prefecture', parent: '浙江省' },
    subject: null, metric: { name: '出口', text: '出口', id: 'exports' }, kind: 'growth', basis: 'yoy',
    value: -16.3, unit: '%', normalized: { value: -16.3, unit: '%' }, approx: null, status: 'actual',
    period: { text: '上半年', year: 2022, endYear: null, startMonth: 1, endMonth: 6 },
    span: [10, 16], quote: '16.3%', sentence: '出口同比下降16.3%。', confidence: 0.9, flags: [], review: 'auto', trace: ['growth.down'],
  };
  test('a valid record passes', () => expect(RecordSchema.safeParse(valid).success).toBe(true));
  test('growth without a basis, a bad month and an unknown key are all reported', () => {
    const result = RecordSchema.safeParse({ ...valid, basis: null, period: { ...valid.period, endMonth: 13 }, extra: 1 });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['period.endMonth', '']));
  });
  test('a level with a basis is rejected', () => {
    expect(RecordSchema.safeParse({ ...valid, kind: 'level', basis: 'yoy' }).success).toBe(false);
  });
});
