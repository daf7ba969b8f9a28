import { randomBytes } from 'node:crypto'
import { createSecretBox, type SecretBox } from '../../src/secrets/secret-box.js'

/** A box with a key of its own, for tests that open a store without a gateway. */
export const testSecretBox = (): SecretBox => createSecretBox(randomBytes(32))
