import { CodeUnitSet } from '../../src/text/codeUnitSet';

describe('CodeUnitSet', () => {
  test('holds exactly the code units it is given, over the whole range', () => {
    const chars = ',;:，；：。!?！？\u0000\uffff\ud840';
    const set = CodeUnitSet.of(chars);
    const reference = new Set(Array.from({ length: chars.length }, (_, i) => chars.charCodeAt(i)));
    for (let code = 0; code <= 0xffff; code++) expect(set.has(code)).toBe(reference.has(code));
  });

  test('a deleted code unit is no longer held, and its neighbours still are', () => {
    const set = CodeUnitSet.of('\u4e00\u4e01\u4e02\uffff');
    set.delete(0x4e01);
    set.delete(0x4e01);
    set.delete(0x0041);
    expect([0x4e00, 0x4e01, 0x4e02, 0xffff, 0x0041].map((code) => set.has(code))).toEqual([true, false, true, true, false]);
  });
});
