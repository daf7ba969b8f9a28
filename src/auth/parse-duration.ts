const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 }

/** `90m`, `12h`, `30d`, `2w`, `1y` → milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhdwy])$/.exec(text.trim())
  if (!match) return undefined
  const amount = Number(match[1])
  return amount > 0 ? amount * UNITS[match[2]!]! : undefined
}
