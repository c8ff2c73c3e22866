import assert from 'node:assert/strict';
import { coverageText, lineErrorText, noNumbersText } from '../../src/activity/activityCopy.js';
import type { ActivityCoverage, LineError } from '../../src/activity/activityLoader.js';
import { errorFromResponse, QuoError } from '../../src/quo/errors.js';

function coverage(checked: number, total: number): ActivityCoverage {
  return {
    checkedLineIds: [],
    linesChecked: checked,
    linesTotal: total,
    requestsSent: 24,
    requestsPlanned: 40,
    listsWithOlderItems: 0,
  };
}

function lineError(status: number, body: Record<string, unknown>, list: 'calls' | 'messages' = 'calls'): LineError {
  return { lineId: 'PN1', list, error: errorFromResponse(status, '', JSON.stringify(body)) };
}

describe('activity copy', () => {
  it('says how many lines were checked, until all were', () => {
    assert.equal(coverageText(coverage(4, 9)), '4 of 9 lines checked');
    assert.equal(coverageText(coverage(9, 9)), undefined);
    assert.equal(coverageText(coverage(0, 0)), undefined);
  });

  it('names the line and the trace, and never gives a 400’s title as the reason', () => {
    const tooMany = lineError(400, { code: '0101400', title: 'Too Many Participants', trace: 'abc' });
    const text = lineErrorText(tooMany, 'Main line');
    assert.equal(text, 'Calls on Main line: Quo did not accept the request (error 400). Trace: abc.');
    const a2p = lineErrorText(lineError(400, { code: '0206400', title: 'A2P Registration Not Approved', message: 'A2P Registration Not Approved' }, 'messages'), 'Support');
    assert.doesNotMatch(a2p, /A2P/);
    assert.match(a2p, /^Messages on Support: Quo did not accept the request/);
  });

  it('tells a line the key cannot see, no credits and a failure of Quo apart', () => {
    assert.equal(lineErrorText(lineError(403, { code: '0101403' }), 'Legal'), 'Calls on Legal: this API key may not see this line.');
    assert.equal(
      lineErrorText(lineError(402, { code: '0200402', trace: 't' }, 'messages'), 'Legal'),
      'Messages on Legal: the workspace has no prepaid credits left. Trace: t.',
    );
    assert.equal(lineErrorText(lineError(503, {}), 'Legal'), 'Calls on Legal: Quo failed to answer (error 503).');
    const decode = { lineId: 'PN1', list: 'calls', error: new QuoError({ kind: 'decode', message: 'data[0].id: expected string' }) } as const;
    assert.equal(lineErrorText(decode, 'Legal'), 'Calls on Legal: Quo sent data the extension does not understand.');
    assert.equal(lineErrorText({ lineId: 'PN1', list: 'messages', error: new TypeError('bug') }, 'Legal'), 'Messages on Legal could not be loaded.');
  });

  it('puts a line name holding braces in as it is', () => {
    assert.equal(lineErrorText(lineError(403, {}), '{0} line {1}'), 'Calls on {0} line {1}: this API key may not see this line.');
  });

  it('explains a contact without a number to ask about', () => {
    assert.match(noNumbersText(), /no phone number/);
  });
});
