import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks'
import { graphql } from './gql/index.js'
import { GraphQLRequestError, request, sessionToken } from './graphql-request.js'

/** The caller: the token's name and role (`me`). */
export const Me = graphql(`
  query DashboardMe { me { name role } }
`)

/** A role, least first: what a token may do. */
export type Role = 'viewer' | 'operator' | 'admin'

/**
 * The least role of each action the dashboard offers, as the gateway enforces it (`authScopes` in
 * `src/schema/`). An action the caller's role may not take is not offered at all.
 */
export const LEAST_ROLE = {
  power: 'operator',
  createServer: 'operator',
  cloneServer: 'operator',
  resizeServer: 'operator',
  destroyServer: 'admin',
  createSnapshot: 'operator',
  rollbackSnapshot: 'admin',
  deleteSnapshot: 'admin',
  createDeployment: 'operator',
  restartDeployment: 'operator',
  cancelDeployment: 'operator',
  deleteDeployment: 'admin',
  setDeploymentVariables: 'operator',
  redeployDeployment: 'operator',
  rollbackDeployment: 'operator',
  readActivity: 'admin',
} as const satisfies Record<string, Role>

/** Something the dashboard may offer. */
export type Action = keyof typeof LEAST_ROLE

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }

/** Who the page acts as, once known. */
export type CallerState =
  | { state: 'loading' }
  /** The gateway wants a token (none given, or the one given is refused). */
  | { state: 'signed-out'; reason: string }
  /** `withToken` false: the gateway has no API tokens (open mode, every caller an unnamed admin). */
  | { state: 'signed-in'; name: string | null; role: Role; withToken: boolean }
  /** The gateway could not be asked; the pages say why as they load. */
  | { state: 'unknown'; reason: string }

interface CallerContextValue {
  caller: CallerState
  /** Asks `me` again (after a sign-in or sign-out); the caller is `loading` until it answers. */
  refresh: () => void
}

const CallerContext = createContext<CallerContextValue>({ caller: { state: 'loading' }, refresh: () => {} })

/** Asks `me` once for the whole page and again on {@link CallerContextValue.refresh}. */
export function CallerProvider({ children }: { children: ComponentChildren }) {
  const [caller, setCaller] = useState<CallerState>({ state: 'loading' })
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let current = true
    const withToken = sessionToken() !== undefined
    request(Me, {})
      .then(
        ({ me }) =>
          current &&
          setCaller({
            state: 'signed-in',
            name: me.name ?? null,
            role: (me.role in RANK ? me.role : 'viewer') as Role,
            withToken,
          }),
      )
      .catch((error: unknown) => {
        if (!current) return
        if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED')
          setCaller({ state: 'signed-out', reason: error.message })
        else setCaller({ state: 'unknown', reason: (error as Error).message })
      })
    return () => {
      current = false
    }
  }, [version])
  const refresh = useCallback(() => {
    // Nothing the old answer allowed stays offered (nor does a sign-in page bounce back) meanwhile.
    setCaller({ state: 'loading' })
    setVersion((value) => value + 1)
  }, [])
  const value = useMemo(() => ({ caller, refresh }), [caller, refresh])
  return <CallerContext.Provider value={value}>{children}</CallerContext.Provider>
}

/** The caller and a way to ask again. */
export const useCaller = (): CallerContextValue => useContext(CallerContext)

/**
 * Whether to offer an action: only once the caller is known to hold a role that may take it. While
 * `me` is unanswered nothing is offered, so a viewer never sees a button flash by.
 */
export function useCan(): (action: Action) => boolean {
  const { caller } = useCaller()
  return useCallback(
    (action: Action) => caller.state === 'signed-in' && RANK[caller.role] >= RANK[LEAST_ROLE[action]],
    [caller],
  )
}
