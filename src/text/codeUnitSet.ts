/**
 * A set of UTF-16 code units, held as bits: a test is one read and a mask. Scanners test every
 * character of a text against such sets. A Set would hash each character; a byte table by code unit
 * (64 KB) is evicted by the rest of the pipeline between scans, where these 8 KB stay cached
 * (both measured in the full pipeline).
 */
export class CodeUnitSet {
  private readonly bits = new Uint32Array(0x10000 / 32);

  constructor(codeUnits: Iterable<number>) {
    for (const code of codeUnits) this.bits[code >>> 5]! |= 1 << (code & 31);
  }

  /** The set of the code units of `chars`. */
  static of(chars: string): CodeUnitSet {
    return new CodeUnitSet(Array.from({ length: chars.length }, (_, i) => chars.charCodeAt(i)));
  }

  delete(code: number): void {
    this.bits[code >>> 5]! &= ~(1 << (code & 31));
  }

  has(code: number): boolean {
    return (this.bits[code >>> 5]! & (1 << (code & 31))) !== 0;
  }
}

/** The characters a regex \s matches (whitespace and line terminators): for checks by character code. */
export const WHITESPACE_CHARS = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
