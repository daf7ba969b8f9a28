/**
 * `hangar/provider-kit`: everything a provider plugin needs from Hangar, and nothing else. The
 * built-in Proxmox and Kamatera plugins import only this (and `hangar/provider-kit/testing` in
 * their tests and simulators), as a third party's plugin would. See the README, "Writing a
 * provider", and `examples/provider-template/`.
 *
 * - the contract: {@link ProviderPlugin}, {@link Provider}, {@link TaskHandle} and the shapes they carry;
 * - the errors a plugin throws for the client to see a code (`NOT_FOUND`, `CONFLICT`, ...),
 *   recognised by their code and mark, not by class identity, so any copy of this kit will do;
 * - {@link createUpstreamClient}: an HTTP client for an upstream API with a timeout per attempt,
 *   jittered retries of idempotent calls only, and one `mapError` hook; {@link toProviderError}
 *   turns what it throws into the public errors;
 * - Standard Schema types for the plugin's options.
 */
export type * from '../providers/contract.js'
export {
  BadInputError,
  ConflictError,
  HANGAR_ERROR,
  HangarError,
  hasErrorCode,
  isHangarError,
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  UnsupportedError,
  type ErrorCode,
} from '../errors/index.js'
export {
  isStandardSchema,
  validateWith,
  type SchemaIssue,
  type StandardSchemaV1,
  type Validated,
} from './standard-schema.js'
export { DEFAULT_BACKOFF, parseRetryAfter, retry, retryDelayMs, type Backoff, type RetryOptions } from './retry.js'
export {
  createUpstreamClient,
  isTransientError,
  UpstreamHttpError,
  UpstreamNetworkError,
  type UpstreamAnswer,
  type UpstreamClient,
  type UpstreamClientOptions,
  type UpstreamMethod,
  type UpstreamRequest,
} from './upstream-client.js'
export { toProviderError, type UpstreamErrorDetail, type UpstreamErrorReading } from './upstream-failure.js'
