/**
 * Every secret the tests hand to a gateway (provider credentials, API tokens), so that every
 * answer a test reads and every log line a test gateway writes can be searched for them: the
 * whole suite, not one test, checks that secrets never leave the gateway.
 */
const secrets = new Set<string>()

export function registerSecret(secret: string): void {
  if (secret.length >= 8) secrets.add(secret)
}

/** Throws when `text` holds a registered secret; `where` says what was searched. */
export function assertNoSecret(text: string, where: string): void {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) appeared in ${where}`)
  }
}

/**
 * An answer to `createApiToken` (`createDeploymentWebhook`) is the one place a token (a webhook secret) is shown, once,
 * by design.
 */
export function assertNoSecretInAnswer(answer: unknown, where: string): void {
  const data = (answer as { data?: Record<string, unknown> | null } | null)?.data
  if (data && ('createApiToken' in data || 'createDeploymentWebhook' in data)) return
  assertNoSecret(JSON.stringify(answer), where)
}
