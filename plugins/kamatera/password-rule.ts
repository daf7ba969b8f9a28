import { BadInputError } from 'hangar/provider-kit'

/** The characters cloudcli-server's `validateChars` allows beside letters and digits (create schema). */
const EXTRA_CHARACTERS = '!@#$^&*()~'

/** The rule as users read it, for the error. */
export const KAMATERA_PASSWORD_RULE =
  `10 to 20 characters from a-z, A-Z, 0-9 and ${EXTRA_CHARACTERS}, ` +
  `with at least one upper-case letter, one lower-case letter and one digit`

const ALLOWED = /^[A-Za-z0-9!@#$^&*()~]*$/

/**
 * Checks a root password against the rule Kamatera applies to a create (`password` in
 * cloudcli-server's `server create` schema), which it otherwise answers with an opaque 500
 * `Failed to run command method (createServer)`. The error names the rule, never the password.
 */
export function checkKamateraPassword(password: string, field: string): void {
  const length = [...password].length
  const broken =
    length < 10 ||
    length > 20 ||
    !ALLOWED.test(password) ||
    !/[A-Z]/.test(password) ||
    !/[a-z]/.test(password) ||
    !/[0-9]/.test(password)
  if (broken) throw new BadInputError(`${field}: Kamatera takes ${KAMATERA_PASSWORD_RULE}`, { field })
}
