import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import {
  clearPhoneMemo,
  isNanpCountry,
  normalizeEmail,
  normalizePhone,
  PHONE_MEMO_SIZE,
  phoneDigits,
} from '../../src/contacts/phone.js';
import { phoneLibrary } from '../../src/contacts/phoneParser.js';
import { isPhoneRegion, PHONE_REGIONS } from '../../src/contacts/phoneRegions.js';
import { countPhoneParses, type PhoneParseCount } from './phoneParses.js';

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

    it('reads national numbers in the default country', () => {
      assert.equal(normalizePhone('020 7946 0958', 'GB'), '+442079460958');
      // Without the trunk prefix this is a valid UK number too, in the 055 range.
      assert.equal(normalizePhone('555-010-2030', 'GB'), '+445550102030');
    });

    for (const [written, country, e164] of [
      ['020 7946 0958', 'GB', '+442079460958'],
      ['(020) 7946 0958', 'GB', '+442079460958'],
      ['020-7946-0958 ext. 12', 'GB', '+442079460958'],
      ['06 12 34 56 78', 'FR', '+33612345678'],
      ['06.12.34.56.78', 'FR', '+33612345678'],
      ['030 901820', 'DE', '+4930901820'],
      ['030/901820', 'DE', '+4930901820'],
      ['612 34 56 78', 'ES', '+34612345678'],
      ['(11) 91234-5678', 'BR', '+5511912345678'],
    ] as const) {
      it(`reads ${JSON.stringify(written)} in ${country} as ${e164}`, () => {
        assert.equal(normalizePhone(written, country), e164);
      });
    }

    it('reads the country code in any case', () => {
      assert.equal(normalizePhone('020 7946 0958', 'gb'), '+442079460958');
      assert.equal(normalizePhone('06 12 34 56 78', 'Fr'), '+33612345678');
    });

    it('accepts only valid national numbers outside NANP, but any possible one with a country code', () => {
      // Right length, but no UK number starts with 010.
      assert.equal(normalizePhone('010 0000 0000', 'GB'), undefined);
      assert.equal(normalizePhone('+44 10 0000 0000', 'GB'), '+441000000000');
      assert.equal(normalizePhone('0044 10 0000 0000', 'FR'), '+441000000000');
      assert.equal(normalizePhone('0044 10 0000 0000', 'GB'), '+441000000000');
      for (const [rejected, country] of [
        ['020 7946 095', 'GB'], // a digit short
        ['020 7946 09580', 'GB'],
        ['(415) 555-0123', 'GB'], // NANP national
        ['01 23 45', 'FR'],
        ['00 12 34 56 78', 'FR'],
        ['555-010-2030', 'FR'],
      ] as const) {
        assert.equal(normalizePhone(rejected, country), undefined, `${rejected} in ${country}`);
      }
    });

    it('never reads a number out of a sentence', () => {
      for (const country of ['GB', 'FR', 'DE', 'US']) {
        assert.equal(normalizePhone('call 555-010-2030', country), undefined, country);
      }
      // The parser itself is asked with extract: false, which is what keeps it from finding the number in there.
      assert.equal(phoneLibrary().parsePhone('call 555-010-2030', 'GB'), undefined);
      assert.equal(phoneLibrary().parsePhone('call 020 7946 0958', 'GB'), undefined);
    });

    it('keeps reading +1 numbers, 555 01XX included, in any country', () => {
      assert.equal(normalizePhone('+1 555 010 2030', 'GB'), '+15550102030');
      assert.equal(normalizePhone('+15550102030', 'FR'), '+15550102030');
      assert.equal(normalizePhone('00 1 555 010 2030', 'FR'), '+15550102030');
      assert.equal(normalizePhone('+1 055 010 2030', 'GB'), undefined);
    });

    it('reads only international input in a country libphonenumber does not know', () => {
      assert.equal(normalizePhone('+44 20 7946 0958', 'XX'), '+442079460958');
      assert.equal(normalizePhone('020 7946 0958', 'XX'), undefined);
      assert.equal(normalizePhone('020 7946 0958', ''), undefined);
    });

    it('rejects country codes that do not exist', () => {
      assert.equal(normalizePhone('+999 1234 5678', 'GB'), undefined);
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
    const london = ['+44', '20', '7946', '0958'].join('');
    assert.equal(normalizePhone(london, 'GB'), london);
    assert.equal(normalizePhone(london, 'GB'), london);
  });

  describe('memoised', () => {
    let count: PhoneParseCount;
    beforeEach(() => {
      clearPhoneMemo();
      count = countPhoneParses();
    });
    afterEach(() => count.stop());

    it('asks libphonenumber once per number and country', () => {
      const before = count.parses;
      assert.equal(normalizePhone('020 7946 0957', 'GB'), '+442079460957');
      assert.equal(count.parses, before + 1);
      // Any spelling of the same digits, and the E.164 form it read as (what the index is asked next).
      assert.equal(normalizePhone('(020) 7946-0957', 'GB'), '+442079460957');
      assert.equal(normalizePhone('+442079460957', 'FR'), '+442079460957');
      assert.equal(normalizePhone('+44 20 7946 0957', 'DE'), '+442079460957');
      assert.equal(count.parses, before + 1);
      // Another country reads the same digits anew; a rejection is remembered too.
      assert.equal(normalizePhone('020 7946 0957', 'FR'), undefined);
      assert.equal(normalizePhone('020 7946 0957', 'FR'), undefined);
      assert.equal(count.parses, before + 2);
    });

    it('never asks it about +1 and NANP national numbers', () => {
      const before = count.parses;
      for (const written of ['+14155550123', '+1 (415) 555-0123', '(415) 555-0123', '1-415-555-0123']) {
        assert.equal(normalizePhone(written, 'US'), '+14155550123');
      }
      assert.equal(normalizePhone('+1 415 555 0123', 'GB'), '+14155550123');
      assert.equal(count.parses, before);
    });

    it('stays bounded, forgetting the oldest answers first', () => {
      const first = '+4420790' + '00000';
      normalizePhone(first);
      for (let i = 1; i <= PHONE_MEMO_SIZE; i++) {
        normalizePhone(`+4420790${String(i).padStart(5, '0')}`);
      }
      const before = count.parses;
      normalizePhone(`+4420790${String(PHONE_MEMO_SIZE).padStart(5, '0')}`);
      assert.equal(count.parses, before, 'the newest is remembered');
      normalizePhone(first);
      assert.equal(count.parses, before + 1, 'the oldest was forgotten');
    });
  });

  describe('the NANP shortcut', () => {
    /** What libphonenumber itself answers, through the rule for country code 1 in phoneLibrary.ts. */
    function parserAnswer(written: string, country: string): string | undefined {
      const digits = phoneDigits(written.replace(/\s*(?:ext\.?|x)\s*\d+$/, ''));
      return phoneLibrary().parsePhone(written.trim().startsWith('+') ? `+${digits}` : digits, country.toUpperCase());
    }

    it('agrees with libphonenumber on every kind of +1 and NANP national input', () => {
      const written = [
        '+1 555 010 2030',
        '+1 055 010 2030',
        '+1 155 010 2030',
        '+1 555 010 203',
        '+1 555 010 20301',
        '+1 212 555 0123',
        '+1 800 234 5678',
        '555-010-2030',
        '055-010-2030',
        '155-010-2030',
        '1-555-010-2030',
        '1-055-010-2030',
        '2-555-010-2030',
        '555-0102',
        '555-010-20301',
        '011 1 555 010 2030',
        '011 44 20 7946 0958',
        '(876) 555-0100',
      ];
      for (let i = 0; i < 200; i++) {
        // Ten and eleven digits with every leading digit.
        const length = 10 + (i % 2);
        let digits = String(i % 10);
        while (digits.length < length) {
          digits += String((i * 7 + digits.length * 3) % 10);
        }
        written.push(digits, `+${digits}`);
      }
      for (const country of ['US', 'CA', 'JM', 'pr']) {
        for (const input of written) {
          assert.equal(normalizePhone(input, country), parserAnswer(input, country), `${input} in ${country}`);
        }
      }
    });

    it('knows the same members of the plan as libphonenumber', () => {
      for (const region of getCountries()) {
        assert.equal(isNanpCountry(region), getCountryCallingCode(region) === '1', region);
      }
    });
  });
});

describe('phoneDigits', () => {
  it('keeps the digits in order', () => {
    assert.equal(phoneDigits('+1 (555) 010-2030'), '15550102030');
    assert.equal(phoneDigits('no digits'), '');
  });
});

describe('quo.defaultCountry', () => {
  interface CountrySetting {
    readonly default: string;
    readonly enum: readonly string[];
    readonly enumItemLabels: readonly string[];
  }
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: { configuration: { properties: Record<string, CountrySetting> } };
  };
  const setting = manifest.contributes.configuration.properties['quo.defaultCountry'];
  const regions = [...getCountries()].sort();
  const names = new Intl.DisplayNames('en', { type: 'region' });
  // Labels are translatable: the manifest names a key of package.nls.json, which holds the English.
  const english = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
  const fix = 'regenerate the enum of quo.defaultCountry in package.json and PHONE_REGIONS from getCountries()';

  it('offers exactly the regions libphonenumber knows, sorted', () => {
    assert.deepEqual(setting.enum, regions, fix);
    assert.deepEqual(PHONE_REGIONS, regions, fix);
  });

  it('names each in English', () => {
    assert.deepEqual(setting.enumItemLabels, regions.map((region) => `%quo.config.defaultCountry.enumItemLabels.${region}%`), fix);
    assert.deepEqual(
      regions.map((region) => english[`quo.config.defaultCountry.enumItemLabels.${region}`]),
      regions.map((region) => `${region} — ${names.of(region)}`),
      fix,
    );
  });

  it('keeps US as the default', () => {
    assert.equal(setting.default, 'US');
    assert.ok(setting.enum.includes(setting.default));
  });

  it('is checked in upper case', () => {
    assert.equal(isPhoneRegion('GB'), true);
    assert.equal(isPhoneRegion('gb'), false);
    assert.equal(isPhoneRegion('XX'), false);
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
