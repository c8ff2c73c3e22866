import { observePhoneParses } from '../../src/contacts/phone.js';

/** Calls into libphonenumber counted from its start until stop(); one count at a time. */
export interface PhoneParseCount {
  readonly parses: number;
  stop(): void;
}

export function countPhoneParses(): PhoneParseCount {
  let parses = 0;
  observePhoneParses(() => {
    parses++;
  });
  return {
    get parses() {
      return parses;
    },
    stop: () => observePhoneParses(undefined),
  };
}
