/**
 * Worker thread entry (compiled to dist/run/worker.js). Loads the rule set once from the rule file
 * texts — a compiled RuleSet cannot cross threads — then, per task, reads and processes one input
 * file and stores its journal entry itself, so records never travel back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRuleSet } from '../rules/ruleset';
import { useDictionary } from '../extract/segmenter';
import { extractOne } from './extract-one';
import { writeJournalEntry } from './journal';
import type { WorkerReply, WorkerSetup, WorkerTask } from './pool';

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('dist/run/worker.js must run as a worker thread');
  const setup = workerData as WorkerSetup;
  useDictionary(setup.dictionary);
  const rules = loadRuleSet(setup.ruleFiles);
  port.on('message', (task: WorkerTask) => {
    extractOne(task.file, rules, setup.published)
      .then((extracted) => writeJournalEntry(setup.entriesDir, task.index, extracted))
      .then(
        (outcome): WorkerReply => ({ index: task.index, outcome }),
        (err: unknown): WorkerReply => ({ index: task.index, error: (err as Error).stack ?? String(err) }),
      )
      .then((reply) => port.postMessage(reply));
  });
}

main();
