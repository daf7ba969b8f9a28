import { HangarError } from './hangar-error.js'

/** The upstream cannot be reached or refuses our credentials. */
export class ProviderUnavailableError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('PROVIDER_UNAVAILABLE', message, extensions)
  }
}
