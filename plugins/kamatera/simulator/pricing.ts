import type { SimServer } from './state.js'

/** USD per core per month, by CPU type. */
const CORE_MONTHLY: Record<string, number> = { A: 2, B: 4, D: 8, T: 3 }
const RAM_GB_MONTHLY = 2.5
const DISK_GB_MONTHLY = 0.05
const TRAFFIC_MONTHLY: Record<string, number> = { t5000: 0, t10000: 10, b20: 5, b50: 15, b100: 30 }

function format(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)))
}

/**
 * The price strings `server info` adds (`priceMonthlyOn`, `priceHourlyOn`, `priceHourlyOff`). Like the
 * real proxy, `priceHourlyOff` repeats the backend's `hourlyOn` value.
 */
export function serverPrices(server: SimServer): {
  priceMonthlyOn: string
  priceHourlyOn: string
  priceHourlyOff: string
} {
  const match = /^(\d+)([A-Z])$/.exec(server.cpu)
  const cores = Number(match?.[1] ?? 1)
  const type = match?.[2] ?? 'B'
  const disks = server.diskSizes.reduce((sum, size) => sum + size, 0)
  let monthly = cores * (CORE_MONTHLY[type] ?? 4) + (server.ram / 1024) * RAM_GB_MONTHLY + disks * DISK_GB_MONTHLY
  if (server.managed) monthly += 20
  if (server.backup) monthly += disks * 0.1
  if (server.billing === 'monthly') monthly += TRAFFIC_MONTHLY[server.traffic] ?? 0
  const hourly = (monthly * 1.2) / 720
  return { priceMonthlyOn: format(monthly, 1), priceHourlyOn: format(hourly, 3), priceHourlyOff: format(hourly, 3) }
}
