import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { appendDecision, readDecisionLog, withDecisionLock } from '../../src/decisions/files';
import type { Decision } from '../../src/decisions/schema';
import { tempDir } from '../review/helpers';

function decision(n: number, writer = 'ann'): Decision {
  return {
    schemaVersion: 1,
    id: `decision-${writer}-${String(n).padStart(5, '0')}`,
    recordId: `record-${String(n % 7).padStart(8, '0')}`,
    action: 'correct',
    // long values make a torn or interleaved write visible as a broken line
    changes: { subject: { old: null, new: `项目${'长'.repeat(2000)}${n}` } },
    review: { old: 'needs_review', new: 'corrected' },
    undoes: null,
    basedOn: null,
    reviewer: writer,
    at: '2024-05-01T10:00:00.000Z',
  };
}

describe('the decision log file', () => {
  test('many concurrent appends in one process all land, one whole line each', async () => {
    const file = path.join(await tempDir('log'), 'decisions.jsonl');
    await Promise.all(Array.from({ length: 60 }, (_, n) => withDecisionLock(file, () => appendDecision(file, decision(n)))));
    const log = await readDecisionLog(file);
    expect(log.malformed).toEqual([]);
    expect(new Set(log.decisions.map((d) => d.id)).size).toBe(60);
    await expect(fs.access(`${file}.lock`)).rejects.toThrow();
  });

  test('two processes appending at once lose nothing (compiled dist/)', async () => {
    const file = path.join(await tempDir('log2'), 'decisions.jsonl');
    const filesModule = path.resolve(__dirname, '../../dist/decisions/files.js');
    const writer = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const script = `
          const { appendDecision, withDecisionLock } = require(${JSON.stringify(filesModule)});
          const make = ${decision.toString()};
          (async () => { for (let n = 0; n < 40; n++) await withDecisionLock(${JSON.stringify(file)}, () => appendDecision(${JSON.stringify(file)}, make(n, ${JSON.stringify(name)}))); })()
            .catch((e) => { console.error(e); process.exit(1); });`;
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'inherit'] });
        child.on('error', reject);
        child.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([writer('ann'), writer('bob')])).toEqual([0, 0]);
    const log = await readDecisionLog(file);
    expect(log.malformed).toEqual([]);
    expect(log.decisions.filter((d) => d.reviewer === 'ann')).toHaveLength(40);
    expect(log.decisions.filter((d) => d.reviewer === 'bob')).toHaveLength(40);
  });

  test('a line cut short by a crash is reported, and the next decision still gets a line of its own', async () => {
    const file = path.join(await tempDir('log3'), 'decisions.jsonl');
    await fs.writeFile(file, JSON.stringify(decision(1)).slice(0, 50));
    await appendDecision(file, decision(2));
    const log = await readDecisionLog(file);
    expect(log.decisions.map((d) => d.id)).toEqual([decision(2).id]);
    expect(log.malformed.map((m) => m.line)).toEqual([1]);
  });

  test('a missing log is an empty log', async () => {
    expect(await readDecisionLog(path.join(await tempDir('log4'), 'none.jsonl'))).toEqual({ decisions: [], malformed: [] });
  });
});
