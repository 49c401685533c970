import { describe, expect, it } from 'vitest';
import { splitThqs, thqsDigest, thqsQuery, verifyThqs } from './thqs.js';

describe('THQS', () => {
  it('reproduces the documented worked example', () => {
    expect(thqsDigest('level=top&name=harry&salary=1000', '1291879392', 'aSdF1234').toUpperCase()).toBe('BF04A55B30CFF562F7ADD9F054AB7FFB');
    expect(thqsQuery({ name: 'harry', level: 'top', salary: '1000' }, 'aSdF1234', 1291879392)).toBe(
      'level=top&name=harry&salary=1000&time=1291879392&hash=BF04A55B30CFF562F7ADD9F054AB7FFB');
  });

  it('verifies over the raw string as sent, in either hex case', () => {
    const sent = 'level=top&name=harry&salary=1000&time=1291879392&hash=bf04a55b30cff562f7add9f054ab7ffb';
    expect(verifyThqs(splitThqs(sent), 'aSdF1234')).toBe(true);
    expect(verifyThqs(splitThqs(sent), 'wrong')).toBe(false);
    expect(verifyThqs(splitThqs(sent.replace('salary=1000', 'salary=1001')), 'aSdF1234')).toBe(false);
  });

  it('does not re-encode: `+` and `%20` spellings each verify against their own hash', () => {
    for (const space of ['+', '%20']) {
      const qs = `end_time=2019-01-03${space}00%3A00&start_time=2019-01-02${space}00%3A00&userid=ABC`;
      const sent = `${qs}&time=100&hash=${thqsDigest(qs, '100', 'k')}`;
      expect(verifyThqs(splitThqs(sent), 'k')).toBe(true);
    }
  });
});
