import { randomInt } from 'node:crypto'

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'
/** The characters Kamatera allows beside letters and digits (plugins/kamatera/password-rule.ts). */
const EXTRA = '!@#$^&*()~'
const ALL = LOWER + UPPER + DIGITS + EXTRA

/** How long a generated password is: inside Kamatera's 10 to 20, with room to spare. */
export const GENERATED_PASSWORD_LENGTH = 16

const pick = (characters: string) => characters[randomInt(characters.length)]!

/**
 * A root password for a new server, from the system's CSPRNG, that satisfies Kamatera's rule
 * (10 to 20 characters from a-z, A-Z, 0-9 and `!@#$^&*()~`, at least one upper-case letter, one
 * lower-case letter and one digit), the strictest of the providers' rules.
 */
export function generateServerPassword(length = GENERATED_PASSWORD_LENGTH): string {
  const characters = [pick(UPPER), pick(LOWER), pick(DIGITS), ...Array.from({ length: length - 3 }, () => pick(ALL))]
  // Fisher-Yates, so the guaranteed classes sit anywhere rather than always first.
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1)
    ;[characters[index], characters[other]] = [characters[other]!, characters[index]!]
  }
  return characters.join('')
}
