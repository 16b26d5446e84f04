import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { decodeInput, EXIT_INVALID_DATA, EXIT_OK, EXIT_USAGE, registerEval, runEval } from '../../src/cli/eval';
import { goldLine } from './helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('zhstat eval (runEval)', () => {
  let dir: string;
  const input = '\uFEFF全市工业增加值100亿元，出口50亿元。';
  // Offsets are after BOM removal: 工业增加值 starts at 2.
  const record = (span: [number, number], value: number, extra: object = {}) =>
    JSON.stringify({
      schemaVersion: 1,
      doc: { file: 'seeds/doc.txt', article: 0 },
      city: { name: '湖州市', code: null, level: 'prefecture', parent: null },
      metric: { name: '工业增加值' },
      kind: 'level',
      status: 'actual',
      period: null,
      normalized: { value, unit: 'CNY' },
      span,
      quote: 'x',
      sentence: '全市工业增加值100亿元，出口50亿元。',
      ...extra,
    });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-eval-'));
    fs.mkdirSync(path.join(dir, 'gold'));
    fs.mkdirSync(path.join(dir, 'inputs'));
    fs.writeFileSync(path.join(dir, 'inputs', 'doc.txt'), input);
    fs.writeFileSync(
      path.join(dir, 'gold', 'doc.jsonl'),
      [
        JSON.stringify(goldLine({ quote: '100亿元', context: '工业增加值100亿元', normalized: 1e10 })),
        JSON.stringify(goldLine({ quote: '50亿元', context: '出口50亿元', normalized: 5e9, metric: '出口' })),
      ].join('\n') + '\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = (extra: object = {}) => ({
    gold: path.join(dir, 'gold'),
    pred: path.join(dir, 'records.jsonl'),
    inputs: path.join(dir, 'inputs'),
    ...extra,
  });

  it('scores with spans computed after removing the BOM', () => {
    fs.writeFileSync(path.join(dir, 'records.jsonl'), record([7, 12], 1e10) + '\n');
    const { io, out, err } = capture();
    expect(runEval(options(), io)).toBe(EXIT_OK);
    expect(err).toEqual([]);
    expect(out.join('')).toMatch(/full record\s+1\.000\s+0\.500\s+0\.667/);
  });

  it('prints JSON with --json and details with --verbose', () => {
    fs.writeFileSync(path.join(dir, 'records.jsonl'), record([7, 12], 1e10) + '\n');
    const json = capture();
    runEval(options({ json: true }), json.io);
    expect(JSON.parse(json.out.join('')).total.correctRequired).toBe(1);
    const verbose = capture();
    runEval(options({ verbose: true }), verbose.io);
    expect(verbose.out.join('')).toContain('context: 出口50亿元');
  });

  it('skips invalid prediction lines, names them, and exits 1', () => {
    fs.writeFileSync(path.join(dir, 'records.jsonl'), record([7, 12], 1e10) + '\n{"oops": 1}\n');
    const { io, out, err } = capture();
    expect(runEval(options(), io)).toBe(EXIT_INVALID_DATA);
    expect(err.join('')).toContain('records.jsonl:2:');
    expect(out.join('')).toContain('predictions: 1');
  });

  it('reports gold whose input is missing as unlocatable', () => {
    fs.rmSync(path.join(dir, 'inputs', 'doc.txt'));
    fs.writeFileSync(path.join(dir, 'records.jsonl'), '');
    const { io, out } = capture();
    expect(runEval(options(), io)).toBe(EXIT_OK);
    expect(out.join('')).toContain('WARNING: 2 gold facts could not be located');
    expect(out.join('')).toContain('no file named doc.*');
  });

  it('exits 2 with a hint on usage errors', () => {
    const { io, err } = capture();
    expect(runEval(options(), io)).toBe(EXIT_USAGE);
    expect(err.join('')).toMatch(/--pred .* is not a file; run `zhstat extract` first/);
    const empty = capture();
    fs.writeFileSync(path.join(dir, 'records.jsonl'), '');
    expect(runEval(options({ gold: path.join(dir, 'inputs') }), empty.io)).toBe(EXIT_USAGE);
    expect(empty.err.join('')).toContain('no *.jsonl gold files');
  });

  it('decodes like the pipeline (BOM removed) and reports undecodable input as a problem', () => {
    expect(decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a' });
    expect(decodeInput(new Uint8Array([]))).toEqual({ problem: expect.stringContaining('not decodable') });
  });

  it('registers an eval command with required options', () => {
    const program = new Command();
    registerEval(program);
    const command = program.commands.find((c) => c.name() === 'eval');
    expect(command).toBeDefined();
    expect(command!.options.map((o) => o.long)).toEqual(['--gold', '--pred', '--inputs', '--verbose', '--json']);
    expect(command!.helpInformation()).toContain('--pred <records.jsonl>');
  });
});
