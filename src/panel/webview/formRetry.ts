/**
 * "Try again" after Quo answered a save with 429 (`retryAfter`): the form's retry region shows, its button disabled
 * (aria-disabled, so it keeps its place in the tab order) with a countdown in text until the wait is over. The
 * countdown is not a live region, or it would be read every second: the start and the end are announced instead.
 * Nothing is sent when the wait ends; only the button's click sends.
 */
import { setAriaDisabled } from './formRows.js';

export interface RetryOffer {
  /** Shows the offer, waiting `seconds`. */
  start(form: Element, seconds: number): void;
  /** Stops counting (a new form, the form closed); the region stays as it is. */
  stop(): void;
  /** Still counting down. */
  waiting(): boolean;
}

/** `changed` is told when the wait starts and ends (Save is disabled meanwhile); `announce` says a sentence. */
export function createRetryOffer(changed: () => void, announce: (text: string) => void): RetryOffer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let counting = false;
  const stop = (): void => {
    clearTimeout(timer);
    timer = undefined;
    counting = false;
  };
  return {
    start(form: Element, seconds: number): void {
      const region = form.querySelector('[data-form-retry]');
      const text = form.querySelector('[data-retry-text]');
      const button = form.querySelector('[data-action="tryAgain"]');
      if (!region || !text) {
        return;
      }
      stop();
      region.removeAttribute('hidden');
      const until = Date.now() + seconds * 1000;
      const tick = (): void => {
        const left = Math.ceil((until - Date.now()) / 1000);
        if (left > 0) {
          text.textContent = (form.getAttribute('data-countdown-text') ?? '{0}').replace('{0}', String(left));
          timer = setTimeout(tick, Math.min(1000, until - Date.now()));
          return;
        }
        timer = undefined;
        counting = false;
        text.textContent = form.getAttribute('data-retry-ready-text') ?? '';
        setAriaDisabled(button, false);
        changed();
        announce(text.textContent);
      };
      counting = true;
      setAriaDisabled(button, true);
      changed();
      tick();
      if (counting) {
        announce(text.textContent ?? '');
      }
    },
    stop,
    waiting: () => counting,
  };
}
