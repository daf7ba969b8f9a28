/**
 * Usage of the commands that work on DATABASE_URL directly and parse their own arguments: shown by
 * `hangar help token`, `hangar token --help`, `hangar audit -h` and with a usage mistake.
 */
export const TOKEN_USAGE = `Usage:
  hangar token create --role viewer|operator|admin --name NAME [--expires DURATION] [--json]
  hangar token list [--json]
  hangar token revoke ID

DURATION is a number and a unit: 90m, 12h, 30d, 2w, 1y. Works on DATABASE_URL directly, so the
first admin token can be made before anyone can log in.`

export const AUDIT_USAGE = `Usage:
  hangar audit [--json] [--actor NAME] [--action NAME] [--limit N]

Who did what, newest first (--limit, default 50, up to 10000): every mutation, allowed, denied or
failed, and token management from the CLI. Reads DATABASE_URL directly.`

/** Asked for help: no arguments (`token` only), `help`, `--help` or `-h` anywhere. */
export const asksForHelp = (args: readonly string[], { whenEmpty }: { whenEmpty: boolean }): boolean =>
  (whenEmpty && args.length === 0) || args[0] === 'help' || args.includes('--help') || args.includes('-h')
