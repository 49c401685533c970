import { describe, expect, it } from 'vitest';
import { baijiayunSign, verifyBaijiayunSign } from './signature.js';
import { md5 } from '../../../test/harness.js';

const KEY = 'rLkIPaQjxSwRQmC/ITnHh8i2rifmmbFIVsYw03SSi24zAnkrAd0ZNb2rcTzI2avy7+AmNJDdLmzU89zKUAP3Xg==';
const EXAMPLE: Array<[string, string]> = [
  ['partner_id', '12345678'], ['title', '测试教室'], ['start_time', '1501575608'], ['end_time', '1501579208'], ['type', '2'], ['timestamp', '1501572288'],
];

describe('Baijiayun sign', () => {
  it('reproduces the golden vector of field notes 15 (the printed 70d60aca… digest is wrong)', () => {
    expect(baijiayunSign(EXAMPLE, KEY)).toBe('5b78486597c679b0c6256da014af1260');
    expect(baijiayunSign(EXAMPLE, KEY)).not.toBe('70d60aca82bedd5a10a64247c3d464b1');
  });

  it('sorts by key, joins raw values, appends partner_key, and ignores sign', () => {
    const pairs: Array<[string, string]> = [['b', '2 3'], ['a', ''], ['sign', 'whatever'], ['c', '中文']];
    expect(baijiayunSign(pairs, 'K')).toBe(md5('a=&b=2 3&c=中文&partner_key=K'));
  });

  it('verifies either hex case and refuses a tampered value', () => {
    const sign = baijiayunSign(EXAMPLE, KEY);
    expect(verifyBaijiayunSign(EXAMPLE, KEY, sign.toUpperCase())).toBe(true);
    const tampered = EXAMPLE.map(([k, v]): [string, string] => [k, k === 'type' ? '3' : v]);
    expect(verifyBaijiayunSign(tampered, KEY, sign)).toBe(false);
  });
});

describe('the order of parameter names', () => {
  it('is UTF-8 byte order, also where it differs from JavaScript string order', () => {
    // U+FF61 (EF BD A1) comes before U+1F600 (F0 9F 98 80) in bytes, after it in UTF-16 code units.
    const pairs: Array<[string, string]> = [['\u{1F600}', '1'], ['\uFF61', '2'], ['a', '3']];
    expect(baijiayunSign(pairs, 'k')).toBe(md5('a=3&\uFF61=2&\u{1F600}=1&partner_key=k'));
  });

  it('sorts plain ASCII names as bytes too (upper case before lower case)', () => {
    expect(baijiayunSign([['b', '1'], ['B', '2'], ['_', '3']], 'k')).toBe(md5('B=2&_=3&b=1&partner_key=k'));
  });
});
