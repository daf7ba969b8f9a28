import { createClient, type Client } from 'graphql-ws/client'
import { sessionToken } from './graphql-request.js'

let client: Client | undefined

/**
 * One graphql-ws connection to the gateway's `/graphql` for the whole page, opened when first
 * needed. It retries a dropped connection twice by itself (resending each open subscription's
 * payload as it is then); past that a subscription ends with an error, and its follower decides.
 */
export function socket(): Client {
  client ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => {
      const token = sessionToken()
      return token ? { authorization: `Bearer ${token}` } : {}
    },
    lazy: true,
    // Kept open a while after the last subscription, for the next action; a new token closes it at once (resetSocket).
    lazyCloseTimeout: 10_000,
    retryAttempts: 2,
    // The default waits 1 s, 2 s, 4 s plus up to 3 s of jitter; a log a person watches should come back sooner.
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, 500 * 2 ** retries + Math.random() * 500)),
  })
  return client
}

/**
 * Closes the WebSocket, so that the next subscription opens a new one with the session's token as
 * it is now: call it whenever the token changes (sign-in, sign-out).
 */
export function resetSocket(): void {
  const closing = client
  client = undefined
  void closing?.dispose()
}
