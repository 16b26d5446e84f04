import { chooseProgressMode, etaSeconds, formatDuration, formatProgressLine, throughput, type ProgressState } from '../../src/run/progress';

describe('progress', () => {
  const state = (over: Partial<ProgressState> = {}): ProgressState => ({ files: 10, bytes: 4e6, records: 120, resumedBytes: 0, startedAt: 0, ...over });

  it('bar on a terminal, plain lines on a pipe, nothing when quiet', () => {
    expect(chooseProgressMode(false, true)).toBe('bar');
    expect(chooseProgressMode(false, false)).toBe('lines');
    expect(chooseProgressMode(true, true)).toBe('none');
  });

  it('measures speed over the bytes this process did, not those a resumed run inherited', () => {
    expect(throughput(state(), 2000)).toBeCloseTo(2);
    expect(throughput(state({ resumedBytes: 2e6 }), 2000)).toBeCloseTo(1);
    expect(throughput(state(), 0)).toBe(0);
  });

  it('estimates the time left from the remaining bytes', () => {
    expect(etaSeconds(state(), { files: 40, bytes: 10e6 }, 2000)).toBeCloseTo(3);
    expect(etaSeconds(state({ bytes: 0 }), { files: 40, bytes: 10e6 }, 2000)).toBeNull();
  });

  it('formats a line with files, size, speed, records and ETA', () => {
    expect(formatProgressLine(state(), { files: 40, bytes: 10e6 }, 2000)).toBe(
      'zhstat: 10/40 files (40%), 4.0/10.0 MB, 2.00 MB/s, 120 records, ETA 3s',
    );
    expect(formatDuration(null)).toBe('?');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3h05m');
  });
});
