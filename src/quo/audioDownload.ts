/**
 * Downloads a recording's or voicemail's audio from the storage host its URL names, for the panel to play. Never
 * with the Quo key: the request carries no Authorization header (the key gives full access to the workspace, and
 * the storage host is not Quo's API). Bounded by size (MAX_AUDIO_BYTES, by Content-Length and while reading) and by
 * the request timeout; the audio is held in memory and handed to the page as a `data:` URL, never written to disk.
 */

/** The largest audio downloaded: a few hours of compressed speech. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;

export type AudioDownload =
  | { readonly kind: 'audio'; readonly dataUrl: string; readonly bytes: number }
  | { readonly kind: 'failed'; readonly reason: 'too-large' | 'timeout' | 'http' | 'network' | 'not-audio'; readonly status?: number };

export interface AudioDownloadOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The MIME type Quo gave, used when the host sends none. */
  readonly type?: string | null;
  readonly maxBytes?: number;
  readonly fetch?: typeof fetch;
  /** Whether an address may be downloaded from: each redirect's target is checked before it is asked (https only). */
  readonly allowed?: (url: string) => boolean;
}

/** `audio/…` only (with its parameters dropped); `application/octet-stream` as the MIME type Quo gave, else mpeg. */
function audioType(sent: string | null, given: string | null | undefined): string | undefined {
  const type = (sent ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^audio\/[a-z0-9.+-]+$/.test(type)) {
    return type;
  }
  if (type === '' || type === 'application/octet-stream' || type === 'binary/octet-stream') {
    const fallback = (given ?? '').toLowerCase();
    return /^audio\/[a-z0-9.+-]+$/.test(fallback) ? fallback : 'audio/mpeg';
  }
  return undefined;
}

/** Redirects followed at most; each target is checked before it is asked. */
const MAX_REDIRECTS = 5;

/**
 * The answer at `url`, following redirects one at a time so that no request leaves for a target `allowed` refuses
 * (https to http, or to another scheme); undefined when one is refused or there are too many.
 */
async function fetchFollowing(url: string, signal: AbortSignal, options: AudioDownloadOptions): Promise<Response | undefined> {
  let target = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await (options.fetch ?? fetch)(target, { signal, redirect: 'manual', credentials: 'omit', headers: {} });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      return response;
    }
    await response.body?.cancel();
    target = new URL(location, target).toString();
    if (options.allowed && !options.allowed(target)) {
      return undefined;
    }
  }
  return undefined;
}

export async function downloadAudio(url: string, options: AudioDownloadOptions): Promise<AudioDownload> {
  const maxBytes = options.maxBytes ?? MAX_AUDIO_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetchFollowing(url, signal, options);
    if (response === undefined) {
      return { kind: 'failed', reason: 'network' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'failed', reason: 'http', status: response.status };
    }
    const type = audioType(response.headers.get('content-type'), options.type);
    if (type === undefined) {
      await response.body?.cancel();
      return { kind: 'failed', reason: 'not-audio' };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      return { kind: 'failed', reason: 'too-large' };
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const reader = response.body?.getReader();
    for (;;) {
      const read = reader ? await reader.read() : { done: true as const, value: undefined };
      if (read.done) {
        break;
      }
      bytes += read.value.length;
      if (bytes > maxBytes) {
        await reader?.cancel();
        return { kind: 'failed', reason: 'too-large' };
      }
      chunks.push(read.value);
    }
    return { kind: 'audio', dataUrl: `data:${type};base64,${Buffer.concat(chunks).toString('base64')}`, bytes };
  } catch (error) {
    if (timeout.aborted && !(options.signal?.aborted ?? false)) {
      return { kind: 'failed', reason: 'timeout' };
    }
    if (options.signal?.aborted) {
      throw error;
    }
    return { kind: 'failed', reason: 'network' };
  }
}
