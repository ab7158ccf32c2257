import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;

/**
 * zxcvbn's estimate of guesses, with its list of common passwords (from
 * breach corpora, kept in @zxcvbn-ts/language-common) and keyboard
 * patterns: a well-known password, a repetition (`aaaaaaaaaaaa`), a
 * sequence or keyboard walk scores low however long it is. Score 3 means
 * about 10^8 guesses or more, out of reach of online guessing under the
 * sign-in throttle and slow under scrypt offline.
 */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
const zxcvbn = () => (checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

/**
 * Why a new password is refused, or undefined. `personal` are words about
 * the person (name, e-mail address) that make a password easy to guess.
 */
export function passwordProblem(password: string, personal: string[] = []): 'password-too-short' | 'password-too-common' | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password-too-short';
  const words = personal.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  // zxcvbn counts a name with digits and separators as several guesses' worth; a name is what is tried first.
  const rest = words.reduce((left, w) => left.split(w).join(''), password.toLowerCase()).replace(/[^\p{L}]/gu, '');
  if (words.length && rest.length < 4) return 'password-too-common';
  return zxcvbn().check(password, words).score < MIN_SCORE ? 'password-too-common' : undefined;
}
