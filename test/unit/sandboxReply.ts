import type { Sandbox } from '../sandbox/server.js';

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly body: unknown;
}

/** GET `path` from the sandbox with its key, another Authorization value, or (null) none. */
export async function get(sandbox: Sandbox, path: string, authorization: string | null = sandbox.key): Promise<Reply> {
  const response = await fetch(sandbox.url + path, {
    headers: authorization === null ? {} : { Authorization: authorization },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}
