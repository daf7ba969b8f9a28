import { HangarError } from './hangar-error.js'

/** The provider lacks the capability the action needs. */
export class UnsupportedError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('UNSUPPORTED', message, extensions)
  }
}
