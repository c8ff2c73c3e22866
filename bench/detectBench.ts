/**
 * The whole detection the editor runs on visible text (ids, links, phone numbers and emails, in the default country,
 * no user patterns) over 10 MB of mixed text, timed against the plainest possible scan (one regex counting 24-hex
 * runs) on the same text in the same run, so the ratio holds across machines.
 */
import { decodedContacts, SEED, textMix } from './inputs.js';
import { median, REPORTED, below, round, type Figure } from './measure.js';

const MEGABYTES = 10;
/** Issue 30: the median of 7 rounds. */
const ROUNDS = 7;

export async function detectThroughput(): Promise<Figure[]> {
  const { createDetector } = await import('../src/detect/detector.js');
  const { scanVisibleTexts } = await import('../src/detect/visibleText.js');
  const { DEFAULT_COUNTRY } = await import('../src/contacts/phone.js');
  const ids = decodedContacts(1_000, SEED).map((contact) => contact.id);
  const text = textMix(MEGABYTES * 1024 * 1024, ids, SEED);
  const { detector } = createDetector();

  const baseline = (): number => {
    const regex = /\b[0-9a-f]{24}\b/g;
    let count = 0;
    while (regex.exec(text) !== null) {
      count++;
    }
    return count;
  };
  const texts = [text];
  const detect = (): number => {
    const scan = scanVisibleTexts(texts, detector, DEFAULT_COUNTRY);
    return (scan.ids[0]?.length ?? 0) + (scan.points[0]?.length ?? 0);
  };

  // Alternate the two so that neither profits from the machine being quieter at its turn.
  baseline();
  detect();
  const baselineMs: number[] = [];
  const detectMs: number[] = [];
  let baselineCount = 0;
  let detectCount = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    baselineCount = baseline();
    baselineMs.push(performance.now() - started);
    started = performance.now();
    detectCount = detect();
    detectMs.push(performance.now() - started);
  }
  const detectTime = median(detectMs);
  const baselineTime = median(baselineMs);
  return [
    {
      name: 'detect_ratio',
      value: round(detectTime / baselineTime, 3),
      unit: 'ratio',
      target: below(1.6),
      note:
        `ids, links, phones and emails (${DEFAULT_COUNTRY}) ${round(detectTime, 1)} ms (${detectCount} matches) vs ` +
        `regex ${round(baselineTime, 1)} ms (${baselineCount} matches), median of ${ROUNDS}`,
    },
    {
      name: 'detect_mb_per_s',
      value: round(MEGABYTES / (detectTime / 1000), 1),
      unit: 'MB/s',
      target: REPORTED,
    },
  ];
}
