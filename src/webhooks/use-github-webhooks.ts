import type { Plugin } from 'graphql-yoga'
import { hasErrorCode, isHangarError } from '../errors/index.js'
import type { Hangar } from '../hangar.js'
import { errorEnvelope, jsonResponse, readBody, RestError } from '../rest/http-io.js'
import { deploymentId } from '../schema/exact-id.js'
import { verifyGithubSignature } from './github-signature.js'

/** Where GitHub posts a deployment's pushes. */
export const WEBHOOK_PATH = /^\/hooks\/github\/([^/?#]+)$/

/** GitHub's delivery ids are GUIDs; anything short and plain is accepted. */
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/
const COMMIT = /^[0-9a-f]{40}$/

class Answer {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {}
}

const refuse = (status: number, message: string) => new Answer(status, errorEnvelope(message))

/** A push event's payload, sent as JSON or as GitHub's form encoding (`payload=<json>`). */
function payloadOf(body: Buffer, contentType: string): Record<string, unknown> {
  let text = body.toString('utf8')
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) text = new URLSearchParams(text).get('payload') ?? ''
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // Answered below.
  }
  throw refuse(400, 'body: not a GitHub event payload (JSON)')
}

/**
 * `POST /hooks/github/{deploymentId}`: GitHub's push events for a deployment's webhook. The
 * signature (`X-Hub-Signature-256`, HMAC-SHA256 of the body with the webhook's secret, compared
 * in constant time) is the credential: a bad one is 401 and changes nothing. A push to the
 * deployment's tracked branch makes a release of the pushed commit; a ping, another event or
 * another branch is answered 200 and makes none; a delivery id seen before is answered 200 with
 * what it did the first time, and not run again.
 */
export function useGithubWebhooks({ hangar, maxBodyBytes }: { hangar: Hangar; maxBodyBytes: number }): Plugin {
  const { webhooks, engine, store } = hangar.deployments

  async function deliver(request: Request, segment: string): Promise<Answer> {
    if (request.method !== 'POST') return refuse(405, 'method: only POST')
    let id: number
    try {
      id = deploymentId(decodeURIComponent(segment))
    } catch {
      return refuse(404, 'no webhook here')
    }
    // Raw, for the signature.
    const body = await readBody(request, maxBodyBytes)
    const secret = await webhooks.secret(id)
    // The same answer whether the deployment does not exist or has no webhook.
    if (secret === undefined) return refuse(404, 'no webhook here')
    const signature = request.headers.get('x-hub-signature-256') ?? undefined
    if (!verifyGithubSignature(secret, body, signature)) {
      hangar.logger.warn(
        { deployment: id, delivery: request.headers.get('x-github-delivery') },
        'refused a webhook delivery whose signature does not match',
      )
      return refuse(401, "X-Hub-Signature-256: does not match this webhook's secret")
    }
    const delivery = request.headers.get('x-github-delivery')
    if (delivery === null || !DELIVERY_ID.test(delivery))
      return refuse(400, 'X-GitHub-Delivery: missing or not a delivery id')
    const event = request.headers.get('x-github-event') ?? ''
    const seen = await webhooks.firstDelivery(id, delivery, 'received')
    if (!seen.first)
      return new Answer(200, {
        status: 'duplicate',
        message: `delivery ${delivery} was answered before: ${seen.outcome}`,
      })
    const done = async (status: number, outcome: string, extra: Record<string, unknown> = {}) => {
      await webhooks.settle(id, delivery, outcome)
      return new Answer(status, { status: status === 202 ? 'accepted' : 'ignored', message: outcome, ...extra })
    }
    if (event === 'ping') return done(200, 'pong: the webhook is set up')
    if (event !== 'push') return done(200, `${event || 'an unnamed'} event: only pushes are deployed`)
    const payload = payloadOf(body, request.headers.get('content-type') ?? '')
    const deployment = await store.get(id)
    const tracked = deployment?.branch ?? 'main'
    const ref = typeof payload.ref === 'string' ? payload.ref : ''
    if (payload.deleted === true) return done(200, `${ref} was deleted: nothing to deploy`)
    if (ref !== `refs/heads/${tracked}`)
      return done(200, `a push to ${ref || 'an unnamed ref'}: only ${tracked} is deployed`)
    const commit = payload.after
    if (typeof commit !== 'string' || !COMMIT.test(commit)) {
      await webhooks.settle(id, delivery, 'refused: no commit')
      return refuse(400, 'body.after: not a commit id')
    }
    try {
      await engine.redeploy(id, commit, 'webhook')
    } catch (error) {
      // Not run: GitHub's redelivery may try again.
      await webhooks.forget(id, delivery)
      if (hasErrorCode(error, 'CONFLICT')) return refuse(409, `${error.message}; redeliver the push once it is done`)
      if (isHangarError(error)) return refuse(400, error.message)
      throw error
    }
    const release = (await hangar.deployments.releases.list(id))[0]
    return done(202, `release ${release?.number} of ${commit.slice(0, 7)} started`, { release: release?.number })
  }

  return {
    async onRequest({ url, request, fetchAPI, endResponse }) {
      const match = WEBHOOK_PATH.exec(url.pathname)
      if (!match) return
      try {
        const answer = await deliver(request, match[1]!)
        endResponse(jsonResponse(fetchAPI, answer.status, answer.body))
      } catch (error) {
        if (error instanceof Answer) return endResponse(jsonResponse(fetchAPI, error.status, error.body))
        if (error instanceof RestError)
          return endResponse(jsonResponse(fetchAPI, error.status, errorEnvelope(error.message), error.headers))
        hangar.logger.error({ error: (error as Error).message }, 'webhook delivery failed')
        endResponse(jsonResponse(fetchAPI, 500, errorEnvelope('internal error')))
      }
    },
  }
}
