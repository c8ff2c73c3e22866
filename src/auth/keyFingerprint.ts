/**
 * Per-key storage (recent and pinned contacts) needs a name for the key that does not reveal it. A salted hash,
 * with a salt random per installation, cannot be reversed or compared across machines.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

export function keyFingerprint(key: string, salt: string): string {
  return createHash('sha256').update(salt).update('\0').update(key).digest('hex').slice(0, 16);
}
