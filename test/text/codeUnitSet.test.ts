import { CodeUnitSet } from '../../src/text/codeUnitSet';

describe('CodeUnitSet', () => {
  test('holds exactly the code units it is given, over the whole range', () => {
    const chars = ',;:，；：。!?！？\u0000\uffff\ud840';
    const set = CodeUnitSet.of(chars);
    const reference = new Set(Array.from({ length: chars.length }, (_, i) => chars.charCodeAt(i)));
    for (let code = 0; code <= 0xffff; code++) expect(set.has(code)).toBe(reference.has(code));
  });
});
