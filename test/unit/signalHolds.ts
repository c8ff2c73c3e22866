import { getEventListeners } from 'node:events';

/**
 * What a long-lived signal holds for others: its abort listeners, and the signals `AbortSignal.any` made from it
 * (Node keeps those in a set under an internal symbol, not emptied on Node 20 even after garbage collection).
 */
export function signalHolds(signal: AbortSignal): { readonly listeners: number; readonly dependants: number } {
  const symbol = Object.getOwnPropertySymbols(signal).find((candidate) => candidate.description === 'kDependantSignals');
  const dependants = symbol ? (signal as unknown as Record<symbol, Set<unknown> | undefined>)[symbol]?.size ?? 0 : 0;
  return { listeners: getEventListeners(signal, 'abort').length, dependants };
}
