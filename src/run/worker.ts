/**
 * Worker thread entry (compiled to dist/run/worker.js). Loads the segmenter dictionary, then compiles
 * the rules the pool sends it — validated by the main thread: a compiled RuleSet cannot cross threads,
 * and the validator need not be loaded here — then processes each file it is sent, start to
 * finish, and sends back its records already serialised, in buffers handed over without copying
 * (and handed back for later files once journaled: see buffers.ts) — a large file's in chunks as
 * its articles are done (see RecordsChunk), so its records are never all held at once.
 * All of it is synchronous, reads included: the thread has nothing else to do meanwhile, and the
 * pool keeps the next file queued here, so it is waiting when this one is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileRuleSet, type RuleSet } from '../rules/compile';
import { useDictionary } from '../extract/segmenter';
import { extractOne } from './extract-one';
import { RecordsSerializer, transferables } from './journal';
import { BufferRecycler, ReturnedBuffers } from './buffers';
import { PROGRESS_SLOT, type WorkerData, type WorkerMessage, type WorkerReply } from './pool';

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('dist/run/worker.js must run as a worker thread');
  const setup = workerData as WorkerData;
  useDictionary(setup.dictionary);
  let rules: RuleSet | null = setup.rules && compileRuleSet(setup.rules);
  const buffers = new ReturnedBuffers(new BufferRecycler(), setup.recycle);

  port.on('message', (message: WorkerMessage) => {
    if ('rules' in message) {
      rules = compileRuleSet(message.rules);
      return;
    }
    // Tells the pool which file this thread is on, should the thread die on it.
    Atomics.store(setup.processing, PROGRESS_SLOT, 0);
    Atomics.store(setup.processing, 0, message.index);
    // How far into the file the worker is, in bytes, for the progress bar: a large file moves it.
    const onProgress = message.bytes ? (fraction: number) => Atomics.store(setup.processing, PROGRESS_SLOT, Math.floor(fraction * message.bytes!)) : undefined;
    try {
      if (rules === null) throw new Error('a file came before the rules');
      // A large file's records go out in chunks as its articles are done, so neither thread holds them all.
      const sendChunk = message.chunks ? (chunk: Parameters<typeof transferables>[0]) => port.postMessage({ index: message.index, chunk } as WorkerReply, transferables(chunk)) : null;
      const serializer = new RecordsSerializer(buffers, sendChunk);
      const done = serializer.finish(extractOne(message.file, rules, setup.published, onProgress, (records) => serializer.add(records)));
      port.postMessage({ index: message.index, done } satisfies WorkerReply, transferables(done));
    } catch (err) {
      port.postMessage({ index: message.index, error: (err as Error).stack ?? String(err) } satisfies WorkerReply);
    }
  });
}

main();
