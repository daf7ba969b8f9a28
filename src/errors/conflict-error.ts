import { HangarError } from './hangar-error.js'

/** The action is invalid in the current state, e.g. the guest is locked by another task. */
export class ConflictError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', message, extensions)
  }
}
