import { fastestOf, linearFit, parseArgs, speedupCeiling, type PipelineMeasurement } from '../../src/bench/run';

const run = (seconds: number, peakRssMB: number, recordsSha256 = 'abc'): PipelineMeasurement => ({
  jobs: 1,
  seconds,
  records: 10,
  peakRssMB,
  cpuSeconds: seconds,
  recordsSha256,
  loadBefore: 0,
});

describe('bench', () => {
  test('--rounds takes a positive whole number; one round by default', () => {
    expect(parseArgs([]).rounds).toBe(1);
    expect(parseArgs(['--rounds', '3']).rounds).toBe(3);
    expect(() => parseArgs(['--rounds', '0'])).toThrow(/positive whole numbers/);
    expect(() => parseArgs(['--rounds', 'x'])).toThrow(/positive whole numbers/);
  });

  test('of several rounds the fastest time is kept, with the highest peak RSS, and a change of records shows', () => {
    const kept = fastestOf(fastestOf(undefined, run(12, 300)), run(10, 250));
    expect(kept.seconds).toBe(10);
    expect(kept.peakRssMB).toBe(300);
    expect(kept.recordsSha256).toBe('abc');
    expect(fastestOf(kept, run(11, 200, 'def')).recordsSha256).toBe('differs between rounds');
  });

  test('the speed-up ceiling of more workers is the cores over the cores one worker already keeps busy', () => {
    expect(speedupCeiling({ seconds: 10, cpuSeconds: 10 }, 2)).toBeCloseTo(2);
    expect(speedupCeiling({ seconds: 10, cpuSeconds: 12.5 }, 2)).toBeCloseTo(1.6);
    expect(speedupCeiling({ seconds: 10, cpuSeconds: 10 }, 4)).toBeCloseTo(4);
  });

  test('linearFit recovers a line and says how well it fits', () => {
    const fit = linearFit([1, 2, 3, 4].map((x) => ({ x, y: 0.5 + 2 * x })));
    expect(fit.intercept).toBeCloseTo(0.5);
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.r2).toBeCloseTo(1);
    expect(linearFit([{ x: 1, y: 1 }, { x: 2, y: 3 }, { x: 3, y: 2 }]).r2).toBeLessThan(0.9);
  });
});
