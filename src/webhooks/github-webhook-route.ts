import type { IncomingMessage, ServerResponse } from 'node:http'
import { hasErrorCode, isHangarError } from '../errors/index.js'
import type { Hangar } from '../hangar.js'
import { errorEnvelope, sendJson } from '../rest/http-io.js'
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

/** The raw body, for the signature: at most `limit` bytes. */
async function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length']) > limit) throw refuse(413, `body: larger than ${limit} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw refuse(413, `body: larger than ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

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
export function createGithubWebhookRoute({ hangar, maxBodyBytes }: { hangar: Hangar; maxBodyBytes: number }) {
  const { webhooks, engine, store } = hangar.deployments

  async function deliver(request: IncomingMessage, segment: string): Promise<Answer> {
    if (request.method !== 'POST') return refuse(405, 'method: only POST')
    let id: number
    try {
      id = deploymentId(decodeURIComponent(segment))
    } catch {
      return refuse(404, 'no webhook here')
    }
    const body = await readRawBody(request, maxBodyBytes)
    const secret = await webhooks.secret(id)
    // The same answer whether the deployment does not exist or has no webhook.
    if (secret === undefined) return refuse(404, 'no webhook here')
    const signature = request.headers['x-hub-signature-256']
    if (!verifyGithubSignature(secret, body, typeof signature === 'string' ? signature : undefined)) {
      hangar.logger.warn(
        { deployment: id, delivery: request.headers['x-github-delivery'] },
        'refused a webhook delivery whose signature does not match',
      )
      return refuse(401, "X-Hub-Signature-256: does not match this webhook's secret")
    }
    const delivery = request.headers['x-github-delivery']
    if (typeof delivery !== 'string' || !DELIVERY_ID.test(delivery))
      return refuse(400, 'X-GitHub-Delivery: missing or not a delivery id')
    const event = String(request.headers['x-github-event'] ?? '')
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
    const payload = payloadOf(body, String(request.headers['content-type'] ?? ''))
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

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const match = WEBHOOK_PATH.exec((request.url ?? '/').split('?')[0]!)
    if (!match) return false
    deliver(request, match[1]!)
      .then((answer) => sendJson(response, answer.status, answer.body))
      .catch((error: unknown) => {
        if (error instanceof Answer)
          return sendJson(response, error.status, error.body, error.status === 413 ? { connection: 'close' } : {})
        hangar.logger.error({ error: (error as Error).message }, 'webhook delivery failed')
        if (!response.headersSent) sendJson(response, 500, errorEnvelope('internal error'))
      })
    return true
  }
}
