import { HangarError } from './hangar-error.js'

/** The upstream refused the request; its message is passed on. */
export class ProviderError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('PROVIDER_ERROR', message, extensions)
  }
}
