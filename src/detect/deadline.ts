/**
 * A hard time limit for user regular expressions. JavaScript regexes backtrack, and no static check catches every
 * pattern that takes exponential time (`(\w|\d)+!` passes any simple nesting test), while a regex that never returns
 * would freeze the extension host. V8 can interrupt a running regex, and Node exposes that through `vm`'s
 * `timeout`, so user patterns run inside a `vm` script whose only job is to call back into this realm.
 */
import { Script, createContext } from 'node:vm';

// Made on first use: a vm context costs milliseconds that activation should not pay when no user pattern is set.
let sandbox: { context: Record<string, unknown>; callTask: Script } | undefined;
let running = false;

/**
 * Runs `task` synchronously; returns `'timed-out'` if it ran longer than `timeoutMs` (it was stopped part-way, so
 * whatever it wrote is incomplete). Errors thrown by the task propagate. Each call costs a watchdog thread start
 * (about 0.25 ms), so callers batch work into few calls.
 */
export function runWithDeadline(task: () => void, timeoutMs: number): 'done' | 'timed-out' {
  if (running) {
    throw new Error('runWithDeadline is not re-entrant');
  }
  running = true;
  sandbox ??= {
    context: createContext({ task: undefined }),
    callTask: new Script('task()', { filename: 'quo-contacts-pattern-deadline.js' }),
  };
  const { context, callTask } = sandbox;
  context['task'] = task;
  try {
    callTask.runInContext(context, { timeout: Math.max(1, Math.ceil(timeoutMs)) });
    return 'done';
  } catch (error) {
    // The timeout error is created in the vm's realm, so it is not `instanceof Error` here: test its code.
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      return 'timed-out';
    }
    throw error;
  } finally {
    context['task'] = undefined;
    running = false;
  }
}
