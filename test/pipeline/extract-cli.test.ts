/**
 * `zhstat extract` end to end through the built CLI: the seeds and copies of them in other
 * encodings and as an HTML page give the same figures with exact spans; junk and empty files are
 * reported in run.json; two runs give byte-identical output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { RecordSchema, type StatRecord } from '../../src/record/schema';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'zhstat.js');
const SEEDS = path.join(ROOT, 'seeds');
const seedNames = fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort();

function run(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

function readRecords(out: string): StatRecord[] {
  const text = fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8');
  return text.trim() ? text.trim().split('\n').map((l) => JSON.parse(l) as StatRecord) : [];
}

function toHtml(text: string, title: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // Entities stand in for some punctuation, as CMS pages write them.
  const body = text
    .split('\n')
    .map((line) => `<p>${escape(line).replace(/，/g, '&#65292;').replace(/“/g, '&ldquo;')}</p>`)
    .join('\n');
  return `<!DOCTYPE html><html><head><title>${escape(title)}</title><style>p{margin:0}</style><script>var x = "1,234亿元";</script></head><body><!-- 9999亿元 -->\n${body}\n</body></html>`;
}

describe('zhstat extract over seeds and re-encoded copies', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-cli-'));
  const inputs = path.join(work, 'in');
  fs.mkdirSync(inputs);
  const variants: Record<string, (text: string) => Buffer> = {
    utf8: (t) => Buffer.from(t, 'utf8'),
    gb18030: (t) => iconv.encode(t, 'gb18030'),
    utf16le: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
    html: (t) => Buffer.from(toHtml(t, '测试页面'), 'utf8'),
  };
  for (const name of seedNames) {
    const text = fs.readFileSync(path.join(SEEDS, name), 'utf8');
    for (const [variant, encode] of Object.entries(variants)) {
      const ext = variant === 'html' ? 'html' : 'txt';
      fs.writeFileSync(path.join(inputs, `${path.parse(name).name}.${variant}.${ext}`), encode(text));
    }
  }
  fs.writeFileSync(path.join(inputs, 'empty.txt'), '');
  fs.writeFileSync(path.join(inputs, 'junk.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  const out = path.join(work, 'out');
  const first = run(['extract', inputs, '--out', out, '--jobs', '1']);
  const records = readRecords(out);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));

  test('the run succeeds and prints a summary', () => {
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/records/);
  });

  test('every record passes the schema and its span slices the decoded input to its quote', () => {
    const decoded = new Map<string, string>();
    for (const r of records) {
      expect(RecordSchema.safeParse(r).success).toBe(true);
      if (!decoded.has(r.doc.file)) {
        const bytes = fs.readFileSync(r.doc.file);
        const text = r.doc.file.includes('.gb18030.') ? iconv.decode(bytes, 'gb18030') : r.doc.file.includes('.utf16le.') ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
        decoded.set(r.doc.file, text);
      }
      expect(decoded.get(r.doc.file)!.slice(r.span[0], r.span[1])).toBe(r.quote);
    }
  });

  test('each copy yields the same figures as its original', () => {
    for (const name of seedNames) {
      const stem = path.parse(name).name;
      const figures = (variant: string) => records.filter((r) => path.basename(r.doc.file).startsWith(`${stem}.${variant}.`)).map((r) => [r.quote.replace(/\s+/g, ''), r.normalized.value, r.kind]);
      const original = figures('utf8');
      expect(original.length).toBeGreaterThan(10);
      expect(figures('gb18030')).toEqual(original);
      expect(figures('utf16le')).toEqual(original);
      expect(figures('html')).toEqual(original);
    }
  });

  test('script, style and comments in a page yield nothing', () => {
    expect(records.some((r) => r.quote === '9999亿元' || r.quote === '1,234亿元')).toBe(false);
  });

  test('encodings and formats are detected and recorded in run.json', () => {
    const byFile = new Map<string, { status: string; encoding: string | null; format: string | null; reason: string | null }>(
      manifest.files.map((f: { file: string }) => [path.basename(f.file), f]),
    );
    const stem = path.parse(seedNames[0]).name;
    expect(byFile.get(`${stem}.gb18030.txt`)?.encoding).toBe('gb18030');
    expect(byFile.get(`${stem}.utf16le.txt`)?.encoding).toBe('utf-16le');
    expect(byFile.get(`${stem}.html.html`)?.format).toBe('html');
    expect(byFile.get('empty.txt')).toMatchObject({ status: 'skipped' });
    expect(byFile.get('junk.bin')).toMatchObject({ status: 'skipped' });
    expect(byFile.get('junk.bin')?.reason).toBeTruthy();
    expect(manifest.totals.files).toBe(seedNames.length * 4 + 2);
    expect(manifest.totals.skipped).toBe(2);
  });

  test('a second run over the same inputs writes byte-identical records', () => {
    const again = path.join(work, 'again');
    expect(run(['extract', inputs, '--out', again, '--jobs', '1']).status).toBe(0);
    expect(fs.readFileSync(path.join(again, 'records.jsonl'))).toEqual(fs.readFileSync(path.join(out, 'records.jsonl')));
  });
});

describe('zhstat extract on the bundled seeds', () => {
  test('yields at least 180 records, review.jsonl holds exactly the flagged ones', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-seeds-'));
    expect(run(['extract', 'seeds', '--out', out, '--quiet']).status).toBe(0);
    const records = readRecords(out);
    expect(records.length).toBeGreaterThanOrEqual(180);
    const review = fs.readFileSync(path.join(out, 'review.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
    expect(review).toEqual(records.filter((r) => r.review === 'needs_review').map((r) => r.id));
    expect(records.every((r) => r.doc.file.startsWith('seeds/'))).toBe(true);
  });
});

describe('usage errors', () => {
  test('no inputs: exit 2 with a message that says what to do', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-empty-'));
    try {
      const r = run(['extract', path.join(empty, 'nothing-*.txt'), '--out', path.join(empty, 'o')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/no input files/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
  test('an unknown flag: exit 2', () => expect(run(['extract', 'seeds', '--out', '/tmp/x', '--frobnicate']).status).toBe(2));
  test('invalid rules: exit 2 naming the file and path of every problem', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-rules-'));
    try {
      fs.cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
      fs.appendFileSync(path.join(dir, 'units.yaml'), 'unknownKey: 1\n');
      fs.writeFileSync(path.join(dir, 'cues.yaml'), fs.readFileSync(path.join(dir, 'cues.yaml'), 'utf8').replace('sign: -1', 'sign: 2'));
      const r = run(['extract', 'seeds', '--out', path.join(dir, 'o'), '--rules', dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/units\.yaml.*unknownKey/);
      expect(r.stderr).toMatch(/cues\.yaml: growth\[1\]\.sign/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test('--help describes every command; a command, loaded alone, has its own help; a misspelt one is suggested', () => {
    const r = run(['--help']);
    for (const command of ['extract', 'eval', 'schema', 'review', 'export']) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(run(['extract', '--help']).stdout).toMatch(/--published/);
    expect(run(['eval', '--help']).stdout).toMatch(/--gold/);
    expect(run(['export', '--help']).stdout).toMatch(/^Usage: zhstat export/m);
    const misspelt = run(['extrat', 'seeds']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toMatch(/Did you mean extract\?/);
  });
});

test('the CLI is callable as `npx zhstat` (bin entry)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.bin.zhstat).toBe('bin/zhstat.js');
  expect(execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
});
