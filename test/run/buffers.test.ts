/**
 * Buffers recycled between the main thread and a worker: serialising into a used buffer gives the
 * same bytes as into a fresh one, and the recycler keeps a bounded set of the most useful buffers.
 */
import { BufferRecycler } from '../../src/run/buffers';
import { serializeRecords } from '../../src/run/journal';
import { extracted, record } from './helpers';

/** A buffer as one comes back from the main thread: full of an earlier file's bytes. */
function used(bytes: number): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes);
  new Uint8Array(buffer).fill(0x7b); // '{'
  return buffer;
}

describe('BufferRecycler', () => {
  it('gives the smallest kept buffer that is large enough, and a new one when none is', () => {
    const recycler = new BufferRecycler();
    const small = used(100);
    const large = used(1000);
    recycler.keep(large);
    recycler.keep(small);
    expect(recycler.take(50)).toBe(small);
    expect(recycler.take(50)).toBe(large);
    const fresh = recycler.take(50);
    expect(fresh).not.toBe(small);
    expect(fresh.byteLength).toBe(50);
    expect(recycler.size).toBe(0);
  });

  it('keeps at most its bound, preferring larger buffers, and lets go of detached and oversized ones', () => {
    const recycler = new BufferRecycler(2, 500);
    recycler.keep(new ArrayBuffer(0)); // what a transferred buffer looks like in the thread it left
    recycler.keep(used(501));
    expect(recycler.size).toBe(0);
    const [a, b, c] = [used(100), used(300), used(200)];
    recycler.keep(a);
    recycler.keep(b);
    recycler.keep(c); // full: replaces the smallest
    expect(recycler.size).toBe(2);
    expect(recycler.take(1)).toBe(c);
    expect(recycler.take(1)).toBe(b);
  });

  it('serialises records into used buffers exactly as into fresh ones, growing past them when a file needs more', () => {
    const records = Array.from({ length: 500 }, (_, i) => ({
      ...record(`id-${String(i).padStart(8, '0')}`, i % 5 === 0 ? 'needs_review' : 'auto', i),
      sentence: `第${i}句，全市工业增加值${i}亿元 𠮷 ${'增长'.repeat(i % 30)}`,
    }));
    const fresh = serializeRecords(extracted('a.txt', records));
    const recycler = new BufferRecycler(8, 64 * 1024 * 1024);
    // Buffers of an earlier file, smaller and larger than the first one serialisation asks for.
    for (const size of [10, 70_000, 200_000]) recycler.keep(used(size));
    const recycled = serializeRecords(extracted('a.txt', records), recycler);
    expect(Buffer.from(recycled.payload.body).equals(Buffer.from(fresh.payload.body))).toBe(true);
    expect(Buffer.from(recycled.payload.review).equals(Buffer.from(fresh.payload.review))).toBe(true);
    // The body outgrew buffers on the way: it ends in a kept one, and those it outgrew are kept again.
    expect(fresh.payload.body.length).toBeGreaterThan(200_000);
    expect(recycler.size).toBeGreaterThan(0);
    // A file with nothing to review takes no kept buffer for its review lines.
    const before = recycler.size;
    const plain = serializeRecords(extracted('b.txt', [record('id-plain000')]), recycler);
    expect(plain.payload.review.length).toBe(0);
    expect(recycler.size).toBe(before - 1);
  });
});
