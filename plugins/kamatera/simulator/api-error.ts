/**
 * An error answer of the cloudcli API. By default the body is `{"message": message}`, which is
 * what cloudcli-server's `handleRequest` produces; `body` replaces it for the few answers that
 * carry another shape (the 200 `{"errors": [...]}` passthrough, `json_decode_error`, ...).
 */
export class CloudcliError extends Error {
  override readonly name = 'CloudcliError'

  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message)
  }

  /** The JSON body to send. */
  toBody(): unknown {
    return this.body ?? { message: this.message }
  }
}

/** A backend error object as the console API sends it, `{"errors":[{"code":1,"info":"..."}]}`. */
export function backendErrors(code: number, info: string): { errors: Array<{ code: number; info: string }> } {
  return { errors: [{ code, info }] }
}

/** The 401 of a bad key pair: the backend error JSON-encoded inside `message` (libcloud fixture). */
export function notLoggedIn(): CloudcliError {
  return new CloudcliError(401, JSON.stringify(backendErrors(1, 'you are not logged in')))
}

/**
 * cloudcli-server's flag errors (`ProxyServerPost::_getInvalidFlagError`): `missing required flag (name)`,
 * `invalid flag value (disk=...)` or a custom text followed by `(flag=value)`, all with HTTP 400.
 */
export function flagError(flag: string, value?: string, text?: string): CloudcliError {
  const message = text ?? (value ? 'invalid flag value' : 'missing required flag')
  return new CloudcliError(400, value ? `${message} (${flag}=${value})` : `${message} (${flag})`)
}

/**
 * An exception inside cloudcli-server (a PHP exception, warning or type error). The proxy hides the
 * detail and answers 500 `Failed to run command method (<method>)`; the detail is kept for debugging.
 */
export class ProxyException extends Error {
  override readonly name = 'ProxyException'
}
