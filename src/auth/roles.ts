/** What a token may do: `viewer` < `operator` < `admin`. */
export type Role = 'viewer' | 'operator' | 'admin'

export const ROLES: readonly Role[] = ['viewer', 'operator', 'admin']

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** True when `role` includes everything `needed` may do. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed)
}
