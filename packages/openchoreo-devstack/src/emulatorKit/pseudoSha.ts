import { createHash } from 'node:crypto';

/** A stable 40-hex commit SHA derived from `seed`, for commits the emulators only pretend exist. */
export function pseudoSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
