import type { Logger } from '../logger.js'
import type { SharedRedis } from '../redis/open-redis.js'
import { RateLimiter } from './rate-limiter.js'

/** What a limiter decided for one request. */
export interface LimitDecision {
  allowed: boolean
  /** When refused: seconds until it would pass. */
  retryAfterSeconds: number
}

/** Holds each token to its mutations per minute (a token bucket), on one gateway or across all. */
export interface MutationLimiter {
  take(key: string, cost: number): Promise<LimitDecision>
}

/**
 * The bucket as a Redis hash, refilled and taken from in one script (atomic across gateways), on
 * Redis' clock so that gateways whose clocks differ agree. Answers {allowed, retryAfterSeconds}.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or rate
local at = tonumber(b[2]) or now
tokens = math.min(rate, tokens + (now - at) / 60000 * rate)
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.max(1, math.ceil((cost - tokens) / rate * 60))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return {allowed, wait}
`

function localLimiter(perMinute: number): MutationLimiter {
  const limiter = new RateLimiter(perMinute)
  return {
    async take(key, cost) {
      if (limiter.take(key, cost)) return { allowed: true, retryAfterSeconds: 0 }
      return { allowed: false, retryAfterSeconds: limiter.retryAfterSeconds(key, cost) }
    },
  }
}

/**
 * `perMinute` mutations per key (0: no limit). With Redis, the bucket is shared by every gateway,
 * so a token spread over several gateways gets no more than on one; while Redis does not answer,
 * each gateway counts on its own (logged once), rather than refusing everything or nothing.
 */
export function createMutationLimiter(perMinute: number, redis?: SharedRedis, logger?: Logger): MutationLimiter {
  const fallback = localLimiter(perMinute)
  if (!redis || perMinute <= 0) return fallback
  let degraded = false
  return {
    async take(key, cost) {
      try {
        const [allowed, wait] = (await redis.client.eval(TAKE, 1, `hangar:rate:${key}`, perMinute, cost)) as [
          number,
          number,
        ]
        if (degraded) logger?.info({ redis: redis.where }, 'the mutation rate limit is shared between gateways again')
        degraded = false
        return { allowed: allowed === 1, retryAfterSeconds: wait }
      } catch (error) {
        if (!degraded)
          logger?.warn(
            { redis: redis.where, error: (error as Error).message },
            'Redis does not answer: each gateway counts mutations on its own until it does',
          )
        degraded = true
        return fallback.take(key, cost)
      }
    },
  }
}
