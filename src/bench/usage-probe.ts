/**
 * Preloaded (`node --require`) into the process being measured: on exit, writes what it used to
 * the file named by ZHSTAT_BENCH_USAGE_FILE, as JSON (ProcessUsage). getrusage covers every thread
 * of the process: worker threads, and V8's compiler and garbage-collector threads beside them.
 */
import * as fs from 'node:fs';

export interface ProcessUsage {
  /** Peak resident set size. */
  maxRssKb: number;
  /** CPU time, user and system, of all the process's threads. */
  cpuSeconds: number;
}

const target = process.env.ZHSTAT_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report: ProcessUsage = { maxRssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
    fs.writeFileSync(target, JSON.stringify(report));
  });
}
