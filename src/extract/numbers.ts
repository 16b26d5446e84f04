/**
 * Numbers as Chinese reporting writes them: Arabic (1,234.5), Chinese positional numerals
 * (一千二百万, 十七, 两百) and digit-by-digit years (二〇三五). nzh does the positional decoding;
 * it does not know 两 or 〇-digit strings, so those are rewritten first.
 */
import Nzh from 'nzh';

const DIGIT_CHARS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const POSITIONAL = /[十百千万亿]/;

const ELIDED_PLACE = /(?<=[一二两三四五六七八九])([百千万亿])[一二两三四五六七八九]$/u;
const PLACE_BELOW: Record<string, string> = { 百: '十', 千: '百', 万: '千', 亿: '千万' };

export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万亿';

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
