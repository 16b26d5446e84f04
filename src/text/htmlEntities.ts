/**
 * Named character references that occur in Chinese news pages. The full HTML table has 2,000+
 * names, almost all irrelevant here; an unknown name is left in the text verbatim, as browsers do.
 */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', bdquo: '\u201e',
  laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a',
  mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', middot: '\u00b7', bull: '\u2022', prime: '\u2032', Prime: '\u2033',
  times: '\u00d7', divide: '\u00f7', plusmn: '\u00b1', minus: '\u2212', permil: '\u2030', deg: '\u00b0', micro: '\u00b5',
  le: '\u2264', ge: '\u2265', ne: '\u2260', asymp: '\u2248', infin: '\u221e', sup2: '\u00b2', sup3: '\u00b3',
  frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', yen: '\u00a5', cent: '\u00a2', pound: '\u00a3', euro: '\u20ac',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', sect: '\u00a7', para: '\u00b6', iexcl: '\u00a1', iquest: '\u00bf',
  larr: '\u2190', rarr: '\u2192', uarr: '\u2191', darr: '\u2193', zwj: '\u200d', zwnj: '\u200c', shy: '\u00ad',
};

/** Names browsers also accept without the trailing ";" (legacy references). */
const LEGACY_WITHOUT_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

export interface DecodedReference {
  /** The character(s) the reference stands for. */
  text: string;
  /** Length of the reference in the source, including "&" and ";". */
  length: number;
}

/**
 * Decodes the character reference starting at `html[at]` (which must be "&"), or returns null if
 * there is none there (a bare "&" in text).
 */
export function decodeReferenceAt(html: string, at: number): DecodedReference | null {
  const numeric = /^&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?/.exec(html.slice(at, at + 12));
  if (numeric) {
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
    return { text: codePointOrReplacement(code), length: numeric[0].length };
  }
  const named = /^&([A-Za-z][A-Za-z0-9]{1,31})(;?)/.exec(html.slice(at, at + 34));
  if (!named) return null;
  const [whole, name, semicolon] = named;
  const text = NAMED_ENTITIES[name];
  if (text === undefined) return null;
  if (!semicolon && !LEGACY_WITHOUT_SEMICOLON.has(name)) return null;
  return { text, length: whole.length };
}

/** Windows-1252 remaps of C1 controls, applied by browsers to numeric references like &#150;. */
const WINDOWS_1252_C1: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x84: 0x201e, 0x85: 0x2026, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d,
  0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x99: 0x2122,
};

function codePointOrReplacement(code: number): string {
  const remapped = WINDOWS_1252_C1[code] ?? code;
  if (remapped === 0 || remapped > 0x10ffff || (remapped >= 0xd800 && remapped <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(remapped);
}
