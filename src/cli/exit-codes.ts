/** What `hangar` exits with; scripts may rely on these (listed in `hangar --help`). */
export const EXIT = {
  OK: 0,
  /** The action ran and failed (a deployment ended FAILED, the provider refused). */
  FAILED: 1,
  /** A usage mistake or bad input. */
  USAGE: 2,
  /** No such server, deployment or provider. */
  NOT_FOUND: 3,
  /** The gateway cannot be reached. */
  UNREACHABLE: 4,
  /** No valid token, or the token's role may not do this. */
  DENIED: 5,
  /** Invalid in the current state (already running, not running, locked, busy): CONFLICT from any provider. */
  CONFLICT: 6,
  /** The provider cannot do this at all (UNSUPPORTED): e.g. create or catalog on a Proxmox provider today. */
  UNSUPPORTED: 7,
} as const

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  the action failed (a deployment ended FAILED, the provider refused)
  2  usage mistake or bad input
  3  no such server, deployment or provider
  4  the gateway cannot be reached (HANGAR_URL)
  5  no valid token (HANGAR_TOKEN), or its role may not do this
  6  invalid in the current state (already running, not running, locked, busy)
  7  the provider cannot do this at all (UNSUPPORTED; another provider may)
  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM; work the gateway started goes on there`

/** The exit code of a GraphQL error code. */
export function exitCodeOf(code: string | undefined): number {
  switch (code) {
    case 'BAD_USER_INPUT':
      return EXIT.USAGE
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return EXIT.DENIED
    case 'CONFLICT':
      return EXIT.CONFLICT
    case 'UNSUPPORTED':
      return EXIT.UNSUPPORTED
    default:
      return EXIT.FAILED
  }
}
