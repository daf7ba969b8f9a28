import { HangarError } from './hangar-error.js'

/** The caller is known but its role may not do this. */
export class ForbiddenError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, extensions)
  }
}
