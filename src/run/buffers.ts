/**
 * Buffers that go round between a worker thread and the pool. A worker serialises each file's
 * records into buffers it hands over to the main thread; once the main thread has written them to
 * the journal it hands them back, and the worker serialises later files into them.
 *
 * Why: every buffer that arrives in a thread counts as external memory there, and V8 collects
 * garbage (a full mark-compact) each time that memory has grown by a few MB. Records are about
 * three times the size of the input, so with fresh buffers per file the main thread ran a full
 * collection every third of a second, and V8's helper threads marked beside it: per 100 MB of
 * input, a quarter of the main thread's CPU and half a second of the helpers', taken from the
 * workers when every core runs one. A buffer handed on is detached in the thread it leaves, which
 * frees its account there; going round, none accumulates.
 *
 * The buffers come back on a channel of their own, which the worker reads when it needs a buffer
 * (ReturnedBuffers): its thread is busy for the whole of a file, and a large file sends many chunks
 * whose buffers would otherwise wait, unread, until the file is done — every chunk in a new buffer,
 * and the worker's memory growing with the file's records.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Where serialisation gets its buffers, and gives back those it outgrew. */
export interface BufferSource {
  /** A buffer of at least `minBytes` (its contents are not cleared). */
  take(minBytes: number): ArrayBuffer;
  /** A buffer no longer used, for a later `take`. */
  keep(buffer: ArrayBuffer): void;
}

/** No recycling: a new buffer each time (tests, and files journaled without a pool). */
export const FRESH_BUFFERS: BufferSource = {
  take: (minBytes) => new ArrayBuffer(minBytes),
  keep: () => undefined,
};

/**
 * The buffers a worker holds for reuse. Bounded in number and size: a buffer grown for one huge
 * file is let go rather than kept for the rest of the run, so memory stays bounded by the
 * largest file being processed, not by the largest seen.
 */
export class BufferRecycler implements BufferSource {
  private readonly free: ArrayBuffer[] = [];

  constructor(
    private readonly maxKept = 8,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  /** The smallest kept buffer that is large enough, else a new one. */
  take(minBytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i].byteLength;
      if (size >= minBytes && (best < 0 || size < this.free[best].byteLength)) best = i;
    }
    if (best < 0) return new ArrayBuffer(minBytes);
    const [buffer] = this.free.splice(best, 1);
    return buffer;
  }

  keep(buffer: ArrayBuffer): void {
    // A detached buffer (byteLength 0) is of no use; one too large would pin memory.
    if (buffer.byteLength === 0 || buffer.byteLength > this.maxBytes) return;
    if (this.free.length < this.maxKept) {
      this.free.push(buffer);
      return;
    }
    // Full: keep the larger ones, which serve any file the smaller ones would.
    let smallest = 0;
    for (let i = 1; i < this.free.length; i++) if (this.free[i].byteLength < this.free[smallest].byteLength) smallest = i;
    if (this.free[smallest].byteLength < buffer.byteLength) this.free[smallest] = buffer;
  }

  /** How many buffers are kept (for tests). */
  get size(): number {
    return this.free.length;
  }
}

/**
 * A worker's buffers: those kept, and those the main thread handed back on `returned`, read without
 * waiting each time a buffer is needed (see the file comment).
 */
export class ReturnedBuffers implements BufferSource {
  constructor(
    private readonly kept: BufferSource,
    private readonly returned: MessagePort,
  ) {}

  take(minBytes: number): ArrayBuffer {
    for (let m = receiveMessageOnPort(this.returned); m !== undefined; m = receiveMessageOnPort(this.returned)) {
      for (const buffer of m.message as ArrayBuffer[]) this.kept.keep(buffer);
    }
    return this.kept.take(minBytes);
  }

  keep(buffer: ArrayBuffer): void {
    this.kept.keep(buffer);
  }
}
