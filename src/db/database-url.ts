import { userInfo } from 'node:os'

/** Where `DATABASE_URL` points, once parsed by {@link parseDatabaseUrl}. */
export type DatabaseTarget =
  | {
      dialect: 'sqlite'
      /** A file path as given (relative to the working directory), or `:memory:`. */
      path: string
    }
  | {
      dialect: 'postgres'
      /**
       * The URL handed to `pg` as its connection string: as given, except that a URL without a user
       * name gets the one libpq would use (`PGUSER`, else the OS account), which `pg` alone does
       * not find when `USER` is unset, as under systemd or in containers.
       */
      connectionString: string
    }

/** The value used when `DATABASE_URL` is not set. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/hangar.db'

/**
 * Replaces the password of a database URL (the `user:password@` part and any `password=` query
 * parameter) with `***`, so the URL can be logged or shown in an error. URLs without a password,
 * such as `sqlite:` ones, come back unchanged.
 */
export function redactDatabaseUrl(url: string): string {
  // Text-based rather than `new URL()`: it must also work on URLs too broken to parse, and keep
  // everything else exactly as the operator wrote it. The match runs to the last `@` so that an
  // unencoded `@`, `/` or `?` inside a password is masked too, at the price of masking a little
  // more than needed when a query parameter holds an `@`.
  const masked = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:).*@/i, '$1***@')
  return masked.replace(/([?&]password=)[^&#]*/gi, '$1***')
}

/**
 * Parses the `DATABASE_URL` syntax: `sqlite:PATH`, `sqlite::memory:`, `postgres://...` or
 * `postgresql://...`. Throws an `Error` that names `DATABASE_URL` and shows the URL redacted.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim()
  if (/^sqlite:/i.test(trimmed)) {
    const path = trimmed.slice('sqlite:'.length)
    if (path === '') throw invalidUrl(url, 'sqlite: needs a file path or :memory:')
    return { dialect: 'sqlite', path }
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed: URL
    try {
      parsed = new URL(trimmed)
    } catch {
      throw invalidUrl(url, 'it is not a valid URL')
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw invalidUrl(url, 'a postgres URL needs a host')
    }
    const user = parsed.username === '' && !parsed.searchParams.has('user') ? defaultPostgresUser() : undefined
    if (user === undefined) return { dialect: 'postgres', connectionString: trimmed }
    parsed.username = encodeURIComponent(user)
    return { dialect: 'postgres', connectionString: parsed.toString() }
  }
  throw invalidUrl(url, 'expected sqlite:PATH, sqlite::memory: or postgres://user@host:port/database')
}

function defaultPostgresUser(): string | undefined {
  const fromEnv = process.env.PGUSER || process.env.USER
  if (fromEnv) return fromEnv
  try {
    return userInfo().username
  } catch {
    // No passwd entry for this uid: let pg report the missing user name.
    return undefined
  }
}

function invalidUrl(url: string, reason: string): Error {
  return new Error(`Invalid DATABASE_URL "${redactDatabaseUrl(url)}": ${reason}`)
}
