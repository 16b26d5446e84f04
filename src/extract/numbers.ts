/**
 * Numbers as Chinese reporting writes them: Arabic (1,234.5), Chinese positional numerals
 * (一千二百万, 十七, 两百) and digit-by-digit years (二〇三五). nzh does the positional decoding;
 * it does not know 两 or 〇-digit strings, so those are rewritten first.
 */
import Nzh from 'nzh';

/**
 * The numeral system, in one place for every parser: the digits with their values, the positions,
 * the decimal point (一点五), and the numerals an ordinal is written with (第十: no 两, no 零).
 */
export const DIGIT_CHARS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
export const CHINESE_DIGIT_CHARS = Object.keys(DIGIT_CHARS).join('');
/** The digits one to nine (三成, 两成): 〇 and 零 are no count. */
export const NONZERO_DIGIT_CHARS = Object.keys(DIGIT_CHARS).filter((c) => DIGIT_CHARS[c] > 0).join('');
export const POSITION_CHARS = '十百千万亿';
/** Positions below the thousands (十, 百), which a range's second end does not lend its first (两到三百). */
export const SMALL_POSITION_CHARS = '十百';
/** Positions from 百 up: alone (百, 千万) they are words, not numbers (千家万户). */
export const LARGE_POSITION_CHARS = '百千万亿';
export const DECIMAL_POINT = '点';
export const ORDINAL_NUMERAL_CHARS = '一二三四五六七八九十';
const POSITIONAL = new RegExp(`[${POSITION_CHARS}]`);

const ELIDED_PLACE = /(?<=[一二两三四五六七八九])([百千万亿])[一二两三四五六七八九]$/u;
const PLACE_BELOW: Record<string, string> = { 百: '十', 千: '百', 万: '千', 亿: '千万' };

export const CHINESE_NUMERAL_CHARS = `${CHINESE_DIGIT_CHARS}${POSITION_CHARS}`;

export function parseArabic(text: string): number | null {
  const cleaned = text.includes(',') ? text.replace(/,(?=\d{3}(\D|$))/g, '') : text;
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** Decodes a Chinese numeral; null when the text is not one. */
export function parseChineseNumeral(text: string): number | null {
  if (text.length === 0 || ![...text].every((c) => CHINESE_NUMERAL_CHARS.includes(c))) return null;
  if (!POSITIONAL.test(text)) {
    // Digit-by-digit (二〇三五, 一九九八) or a single digit.
    let value = 0;
    for (const c of text) value = value * 10 + DIGIT_CHARS[c];
    return value;
  }
  // 三万五 is 三万五千, 两千六 is 两千六百: a last digit right after a place (not after 零) stands
  // for the place below it.
  const elided = ELIDED_PLACE.exec(text);
  const full = elided ? `${text}${PLACE_BELOW[elided[1]]}` : text;
  const decoded = Nzh.cn.decodeS(full.replace(/两/g, '二'));
  return typeof decoded === 'number' && Number.isFinite(decoded) && decoded > 0 ? decoded : null;
}

export function parseNumber(text: string): number | null {
  return parseArabic(text) ?? parseChineseNumeral(text);
}
