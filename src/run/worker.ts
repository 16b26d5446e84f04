/**
 * Worker thread entry (compiled to dist/run/worker.js). Loads the rule set once from the rule file
 * texts — a compiled RuleSet cannot cross threads — then processes the files it is sent, one at a
 * time and in the order sent, and stores each journal entry itself, so records never travel back
 * to the main thread. The pool sends a file before the previous one is done: its read then overlaps
 * the work on the one before, and the thread never waits on the disk or on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRuleSet } from '../rules/ruleset';
import { useDictionary } from '../extract/segmenter';
import { extractRead, readInput, type ReadInput } from './extract-one';
import { writeJournalEntry } from './journal';
import type { WorkerReply, WorkerSetup, WorkerTask } from './pool';

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('dist/run/worker.js must run as a worker thread');
  const setup = workerData as WorkerSetup;
  useDictionary(setup.dictionary);
  const rules = loadRuleSet(setup.ruleFiles);
  const queue: { task: WorkerTask; input: Promise<ReadInput> }[] = [];
  let working = false;

  const send = (reply: WorkerReply) => port.postMessage(reply);

  async function drain(): Promise<void> {
    working = true;
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const { task, input } = next;
      const read = await input;
      // Tells the pool which file this thread is on, should the thread die on it.
      send({ index: task.index, started: true });
      const extracted = extractRead(task.file, read, rules, setup.published);
      // The entry is written while the next file is processed; the reply waits for it.
      writeJournalEntry(setup.entriesDir, task.index, extracted).then(
        (outcome) => send({ index: task.index, outcome }),
        (err: unknown) => send({ index: task.index, error: (err as Error).stack ?? String(err) }),
      );
    }
    working = false;
  }

  port.on('message', (task: WorkerTask) => {
    queue.push({ task, input: readInput(task.file) });
    if (!working) void drain();
  });
}

main();
