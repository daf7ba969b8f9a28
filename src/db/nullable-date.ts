/** A timestamp column that may be empty (`finished_at`, `revoked_at`...) as the record shows it. */
export const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value))
