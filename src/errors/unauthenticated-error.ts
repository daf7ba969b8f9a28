import { HangarError } from './hangar-error.js'

/** The request carries no valid token where one is needed. */
export class UnauthenticatedError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('UNAUTHENTICATED', message, extensions)
  }
}
