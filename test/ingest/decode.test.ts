import iconv from 'iconv-lite';
import { decodeBytes, DecodeResult } from '../../src/ingest/decode';
import { pick, seededRandom, seedTexts } from '../support/fuzz';

const ARTICLE = '“一号工程”最新：湖州市数字经济核心产业增加值２１.３亿元，同比增长16.3%。\r\n“未来工厂”4家；𠀀字（扩展B）\n';

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

function expectText(result: DecodeResult, text: string, encoding: string, bom: boolean): void {
  expect(result).toEqual({ ok: true, text, encoding, bom });
}

describe('decodeBytes', () => {
  test('UTF-8 without BOM', () => {
    expectText(decodeBytes(Buffer.from(ARTICLE, 'utf8')), ARTICLE, 'utf-8', false);
  });

  test('UTF-8 with BOM: the BOM is removed, so offsets start at the first real character', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE, 'utf8')]);
    expectText(decodeBytes(bytes), ARTICLE, 'utf-8', true);
  });

  test('a second BOM inside the text is content, not stripped', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\ufeff增长', 'utf8')]);
    expectText(decodeBytes(bytes), '\ufeff增长', 'utf-8', true);
  });

  test('UTF-16LE and UTF-16BE with BOM', () => {
    expectText(decodeBytes(Buffer.from('\ufeff' + ARTICLE, 'utf16le')), ARTICLE, 'utf-16le', true);
    expectText(decodeBytes(utf16be('\ufeff' + ARTICLE)), ARTICLE, 'utf-16be', true);
  });

  test('UTF-16 without BOM is recognised by where its NUL bytes sit', () => {
    expectText(decodeBytes(Buffer.from(ARTICLE, 'utf16le')), ARTICLE, 'utf-16le', false);
    expectText(decodeBytes(utf16be(ARTICLE)), ARTICLE, 'utf-16be', false);
  });

  test('GB18030 and GBK are detected, not assumed', () => {
    expectText(decodeBytes(iconv.encode(ARTICLE, 'gb18030')), ARTICLE, 'gb18030', false);
    const gbkText = '平湖市数字经济核心制造业增加值21.3亿元，同比下降16.3%。';
    expectText(decodeBytes(iconv.encode(gbkText, 'gbk')), gbkText, 'gb18030', false);
  });

  test('pure ASCII is UTF-8', () => {
    expectText(decodeBytes(Buffer.from('GDP 5.1%\n', 'ascii')), 'GDP 5.1%\n', 'utf-8', false);
  });

  test('an empty file is skipped', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ ok: false, status: 'skipped', reason: 'empty file' });
  });

  test('images and archives are skipped with the format named', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]);
    expect(decodeBytes(png)).toMatchObject({ ok: false, status: 'skipped', reason: expect.stringContaining('PNG') });
    expect(decodeBytes(zip)).toMatchObject({ ok: false, status: 'skipped', reason: expect.stringContaining('ZIP') });
  });

  test('unknown binary with scattered NUL bytes is skipped', () => {
    const bytes = Uint8Array.from([0x13, 0x00, 0x00, 0x7a, 0x41, 0x00, 0x99, 0x00, 0x00, 0x12, 0x00, 0x05]);
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, status: 'skipped', reason: expect.stringContaining('NUL') });
  });

  test('16-bit binary data (NULs all on one side) is not mistaken for BOM-less UTF-16', () => {
    const samples = Buffer.from(Uint16Array.from({ length: 32 }, (_, i) => (i * 7) % 40).buffer);
    expect(decodeBytes(samples)).toMatchObject({ ok: false, status: 'skipped' });
  });

  test('bytes that are valid UTF-8 but mostly control characters are skipped', () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 0x41 : 1 + (i % 26)));
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, status: 'skipped', reason: expect.stringContaining('control') });
  });

  test('Latin-1 text is neither valid UTF-8 nor Chinese: it fails instead of being mis-decoded', () => {
    const result = decodeBytes(Buffer.from('café crème à la carte\n', 'latin1'));
    expect(result).toMatchObject({ ok: false, status: 'failed' });
  });

  test('invalid bytes after a UTF-8 BOM fail', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0xe6, 0xb9, 0x41]);
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, status: 'failed', reason: expect.stringContaining('utf-8') });
  });

  test('a UTF-16 BOM followed by an odd number of bytes fails', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x6e, 0x6e, 0x41]);
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, status: 'failed' });
  });
});

/** UTF-8 is validated and transcoded by hand rather than by a fatal TextDecoder: both must read every byte string alike. */
describe('UTF-8 decoding agrees with a fatal TextDecoder', () => {
  const reference = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** The fatal decoder's reading: a string, or null where it throws. */
  function referenceText(bytes: Uint8Array): string | null {
    try {
      return reference.decode(bytes);
    } catch {
      return null;
    }
  }
  /** What decodeBytes must give for bytes that hold no NUL, no control character and no UTF-16 BOM. */
  function expectedResult(bytes: Uint8Array): DecodeResult | null {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const text = referenceText(bom ? bytes.subarray(3) : bytes);
    return text === null ? null : { ok: true, text, encoding: 'utf-8', bom };
  }
  // Lead and continuation bytes, overlong forms, encoded surrogates, code points past U+10FFFF,
  // 4-byte characters, and text: random mixes hit every way a sequence can be cut or malformed.
  const pieces: number[][] = [
    ...[...'数字经济增长16.3%，“未来工厂”𠀀 ab\n'].map((c) => [...Buffer.from(c, 'utf8')]),
    [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
    [0xef, 0xbb, 0xbf], [0x80], [0xbf], [0xe4], [0xe4, 0xb8], [0xf0, 0x9f], [0xfe], [0xff], [0xc2, 0xa0], [0x41],
  ];

  test('on the seed texts', () => {
    for (const text of seedTexts()) {
      const bytes = Buffer.from(text, 'utf8');
      expect(decodeBytes(bytes)).toEqual(expectedResult(bytes));
    }
  });

  test('on random byte strings, valid and not', () => {
    const random = seededRandom(20261123);
    let valid = 0;
    for (let i = 0; i < 3000; i++) {
      const count = 1 + Math.floor(random() * 12);
      const bytes = Uint8Array.from(Array.from({ length: count }, () => pick(random, pieces)).flat());
      if (bytes[0] === 0xff && bytes[1] === 0xfe) continue; // a UTF-16 BOM
      const expected = expectedResult(bytes);
      const actual = decodeBytes(bytes);
      if (expected !== null) {
        expect(actual).toEqual(expected);
        valid++;
      } else {
        // Not UTF-8: whatever else it is read as, it is not read as UTF-8.
        expect(actual.ok && actual.encoding === 'utf-8').toBe(false);
      }
    }
    expect(valid).toBeGreaterThan(300);
  });

  test('a view into a larger buffer decodes only its own bytes', () => {
    const whole = Buffer.from('前缀数字经济后缀', 'utf8');
    const view = whole.subarray(6, 18);
    expect(decodeBytes(view)).toEqual({ ok: true, text: '数字经济', encoding: 'utf-8', bom: false });
  });
});
