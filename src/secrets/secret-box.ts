import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** The prefix of every sealed value: the format's version, so a later one can be told apart. */
const PREFIX = 'hgs1:'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Seals and opens the secrets Hangar keeps at rest (deployment secrets, the deployments' SSH
 * private keys) with AES-256-GCM. Each value has a random IV; `purpose` is bound to it as
 * additional data, so a sealed value copied into another column does not open there.
 */
export interface SecretBox {
  /** `hgs1:<base64 of iv, tag, ciphertext>`. */
  seal(plain: string, purpose: string): string
  /** The plain text; throws when the value was sealed with another key or for another purpose. */
  open(sealed: string, purpose: string): string
}

/** Whether a stored value is sealed (values stored before sealing existed are not). */
export const isSealed = (value: string): boolean => value.startsWith(PREFIX)

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('a secret key is 32 bytes')
  return {
    seal(plain, purpose) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(purpose, 'utf8'))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed, purpose) {
      if (!isSealed(sealed)) throw new Error('not a sealed value')
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64')
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('a sealed value too short to open')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      decipher.setAAD(Buffer.from(purpose, 'utf8'))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}
