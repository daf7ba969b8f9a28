import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Checks GitHub's `X-Hub-Signature-256` (`sha256=<hex HMAC-SHA256 of the raw body>`) in constant
 * time. A missing or malformed header is simply not a match.
 */
export function verifyGithubSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match) return false
  const expected = createHmac('sha256', secret).update(body).digest()
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'))
}

/** What GitHub would send for `body` signed with `secret`. */
export const githubSignature = (secret: string, body: Buffer | string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
