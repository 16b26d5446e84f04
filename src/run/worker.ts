/**
 * Worker thread entry (compiled to dist/run/worker.js). Loads the rule set once from the rule file
 * texts — a compiled RuleSet cannot cross threads — then processes each file it is sent, start to
 * finish, and sends back its records already serialised, in buffers handed over without copying.
 * All of it is synchronous, reads included: the thread has nothing else to do meanwhile, and the
 * pool keeps the next file queued here, so it is waiting when this one is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRuleSet } from '../rules/ruleset';
import { useDictionary } from '../extract/segmenter';
import { extractOne } from './extract-one';
import { serializeRecords, transferables } from './journal';
import type { WorkerData, WorkerReply, WorkerTask } from './pool';

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('dist/run/worker.js must run as a worker thread');
  const setup = workerData as WorkerData;
  useDictionary(setup.dictionary);
  const rules = loadRuleSet(setup.ruleFiles);

  port.on('message', (task: WorkerTask) => {
    // Tells the pool which file this thread is on, should the thread die on it.
    Atomics.store(setup.processing, 0, task.index);
    try {
      const done = serializeRecords(extractOne(task.file, rules, setup.published));
      port.postMessage({ index: task.index, done } satisfies WorkerReply, transferables(done));
    } catch (err) {
      port.postMessage({ index: task.index, error: (err as Error).stack ?? String(err) } satisfies WorkerReply);
    }
  });
}

main();
