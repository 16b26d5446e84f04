import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileStem, locateGoldFacts, parseGoldJsonl, stripBom } from '../../src/eval/gold';
import { goldLine } from './helpers';

const line = (o: object): string => JSON.stringify(o);

describe('parseGoldJsonl', () => {
  it('parses valid lines, skips blank ones and reports bad lines by number', () => {
    const good = goldLine({ quote: '100亿元', context: '增加值100亿元', normalized: 1e10 });
    const text = [
      line(good),
      '',
      line({ ...good, perodAlt: [null] }),
      '{not json',
      line({ ...good, kind: 'amount' }),
      line({ ...good, quote: '200亿元' }),
      line({ ...good, periodAlt: [null, { text: '2020年', year: 2020, endYear: null, startMonth: null, endMonth: null }] }),
    ].join('\n');
    const { facts, errors } = parseGoldJsonl(text, 'x');
    expect(facts.map((f) => [f.line, f.stem])).toEqual([
      [1, 'x'],
      [7, 'x'],
    ]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(errors[0].message).toMatch(/perodAlt/);
    expect(errors[1].message).toMatch(/invalid JSON/);
    expect(errors[2].message).toMatch(/^kind:/);
    expect(errors[3].message).toBe('quote is not a substring of context');
  });
});

describe('locateGoldFacts', () => {
  const input = '今年1至6月，全市增加值21.3亿元，同比\n增长16.3%。出口16.3%。出口16.3%。';
  const fact = (quote: string, context: string, n = 1) => ({
    ...goldLine({ quote, context, normalized: 1 }),
    stem: 's',
    line: n,
  });

  it('finds the quote inside a unique context, across hard line breaks', () => {
    const { located, unlocatable } = locateGoldFacts([fact('21.3亿元', '增加值21.3亿元'), fact('16.3%', '同比\n增长16.3%')], input);
    expect(unlocatable).toEqual([]);
    for (const g of located) expect(input.slice(g.span[0], g.span[1])).toBe(g.quote);
    expect(located[1].span[0]).toBe(input.indexOf('增长16.3%') + 2);
  });

  it('reports missing, repeated and ambiguous contexts instead of guessing', () => {
    const { located, unlocatable } = locateGoldFacts(
      [fact('16.3%', '出口16.3%', 1), fact('9%', '进口9%', 2), fact('1', '今年1至6月，全市增加值21', 3)],
      input,
    );
    expect(located).toEqual([]);
    expect(unlocatable.map((u) => [u.fact.line, u.reason])).toEqual([
      [1, 'context occurs 2 times in input (must be unique)'],
      [2, 'context not found in input'],
      [3, 'quote occurs 2 times inside context'],
    ]);
  });
});

describe('helpers', () => {
  it('fileStem drops directories and the last extension', () => {
    expect(fileStem('seeds/000_5f0dfba9933f395f.txt')).toBe('000_5f0dfba9933f395f');
    expect(fileStem('C:\\x\\a.b.jsonl')).toBe('a.b');
    expect(fileStem('noext')).toBe('noext');
  });
  it('stripBom removes only a leading BOM', () => {
    expect(stripBom('\uFEFFabc')).toBe('abc');
    expect(stripBom('a\uFEFFbc')).toBe('a\uFEFFbc');
  });
});

describe('fixtures/gold', () => {
  const root = path.resolve(__dirname, '../..');
  const goldDir = path.join(root, 'fixtures/gold');
  const names = fs.readdirSync(goldDir).filter((n) => n.endsWith('.jsonl'));

  it('has gold files', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)('%s parses and every fact is locatable in its seed', (name) => {
    const stem = fileStem(name);
    const { facts, errors } = parseGoldJsonl(fs.readFileSync(path.join(goldDir, name), 'utf8'), stem);
    expect(errors).toEqual([]);
    const input = stripBom(fs.readFileSync(path.join(root, 'seeds', `${stem}.txt`), 'utf8'));
    const { located, unlocatable } = locateGoldFacts(facts, input);
    expect(unlocatable.map((u) => `line ${u.fact.line}: ${u.reason}`)).toEqual([]);
    expect(located.length).toBe(facts.length);
    for (const g of located) expect(input.slice(g.span[0], g.span[1])).toBe(g.quote);
  });
});
