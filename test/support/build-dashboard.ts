import { buildDashboard, dashboardIsStale } from '../../scripts/build-web.js'

/**
 * Vitest global setup: the gateway serves the built dashboard, so build it first when `dist/web`
 * is missing or older than `web/` (a second or two; nothing when it is up to date).
 */
export default async function ensureDashboardBuilt(): Promise<void> {
  if (dashboardIsStale()) await buildDashboard()
}
