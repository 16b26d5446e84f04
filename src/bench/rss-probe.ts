/**
 * Preloaded (`node --require`) into the process being measured: on exit, writes its peak resident
 * set size — getrusage covers every thread, so worker threads are included — to the file named by
 * ZHSTAT_BENCH_RSS_FILE.
 */
import * as fs from 'node:fs';

const target = process.env.ZHSTAT_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
