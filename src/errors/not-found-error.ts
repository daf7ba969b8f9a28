import { HangarError } from './hangar-error.js'

/** The server, operation or other object asked for does not exist. */
export class NotFoundError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, extensions)
  }
}
