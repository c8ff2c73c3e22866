import assert from 'node:assert/strict';
import { isNanpCountry, normalizeEmail, normalizePhone, phoneDigits } from '../../src/contacts/phone.js';

describe('normalizePhone', () => {
  describe('in the US', () => {
    for (const written of [
      '+1 (555) 010-2030',
      '555-010-2030',
      '(555) 010 2030',
      '+15550102030',
      '1-555-010-2030',
      '555.010.2030',
      '1 555 010 2030',
      '555 010 2030 x12',
      '(555) 010-2030 ext. 7',
      '  +1 555 010 2030  ',
      '555\u2011010\u20112030'.replace(/\u2011/g, '\u2013'),
      '+1\u00a0555\u00a0010\u00a02030',
    ]) {
      it(`reads ${JSON.stringify(written)} as +15550102030`, () => {
        assert.equal(normalizePhone(written, 'US'), '+15550102030');
      });
    }

    it('uses US as the default country', () => {
      assert.equal(normalizePhone('(415) 555-0123'), '+14155550123');
    });

    it('reads 011, the North American international prefix', () => {
      assert.equal(normalizePhone('011 44 20 7946 0958', 'US'), '+442079460958');
    });

    it('reads Canadian and other NANP numbers the same way', () => {
      assert.equal(normalizePhone('(604) 555-0199', 'CA'), '+16045550199');
      assert.equal(normalizePhone('876 555 0100', 'jm'), '+18765550100');
    });

    for (const rejected of [
      '555-0102', // seven digits: no area code
      '055-010-2030', // area codes start with 2-9
      '155-010-2030',
      '2-555-010-2030', // eleven digits must start with 1
      '555-010-20301',
      '+1 555 010 203', // country code 1 takes exactly ten more digits
      '+1 055 010 2030',
      '555-CALL-NOW',
      'call 555-010-2030',
      '+1 555 010 2030 +1',
      '',
      '   ',
      '1234567890123456789012345678901234567890123',
    ]) {
      it(`rejects ${JSON.stringify(rejected)}`, () => {
        assert.equal(normalizePhone(rejected, 'US'), undefined);
      });
    }
  });

  describe('elsewhere', () => {
    it('reads E.164 with +, whatever the formatting', () => {
      assert.equal(normalizePhone('+44 20 7946 0958', 'GB'), '+442079460958');
      assert.equal(normalizePhone('+49 (30) 901820', 'DE'), '+4930901820');
    });

    it('reads 00 as the international prefix', () => {
      assert.equal(normalizePhone('0044 20 7946 0958', 'GB'), '+442079460958');
    });

    it('does not guess national numbers without NANP rules', () => {
      assert.equal(normalizePhone('020 7946 0958', 'GB'), undefined);
      assert.equal(normalizePhone('555-010-2030', 'GB'), undefined);
    });

    it('rejects E.164 that is too long, too short or starts with 0', () => {
      assert.equal(normalizePhone('+1234567890123456', 'GB'), undefined);
      assert.equal(normalizePhone('+123456', 'GB'), undefined);
      assert.equal(normalizePhone('+0441234567', 'GB'), undefined);
    });
  });

  it('returns an E.164 input as the very same string', () => {
    const stored = ['+1', '415', '555', '0123'].join('');
    assert.equal(normalizePhone(stored), stored);
  });
});

describe('phoneDigits', () => {
  it('keeps the digits in order', () => {
    assert.equal(phoneDigits('+1 (555) 010-2030'), '15550102030');
    assert.equal(phoneDigits('no digits'), '');
  });
});

describe('isNanpCountry', () => {
  it('knows the plan members, in any case', () => {
    assert.equal(isNanpCountry('US'), true);
    assert.equal(isNanpCountry('ca'), true);
    assert.equal(isNanpCountry('GB'), false);
    assert.equal(isNanpCountry('MX'), false);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    assert.equal(normalizeEmail('  Ada@Analytical-Engines.Example '), 'ada@analytical-engines.example');
  });

  it('returns an address already in that form unchanged', () => {
    assert.equal(normalizeEmail('ada@analytical-engines.example'), 'ada@analytical-engines.example');
  });
});
