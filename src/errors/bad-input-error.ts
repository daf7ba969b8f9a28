import { HangarError } from './hangar-error.js'

/** The client sent a value that cannot be used; `extensions.field` names it. */
export class BadInputError extends HangarError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, extensions)
  }
}
