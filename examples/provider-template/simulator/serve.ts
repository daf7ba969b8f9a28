/**
 * Runs the Acme simulator on its own, to try the plugin by hand: `npm run simulator` (or
 * `npx tsx simulator/serve.ts`). It prints one JSON line with the `url` and `token` to put in a
 * `hangar.json`, and runs until Ctrl-C. `ACME_SIMULATOR_PORT` picks the port (default: a free one),
 * `ACME_SIMULATOR_TOKEN` the token (default: a random one).
 */
import { startAcmeSimulator } from './acme-simulator.js'

const port = Number(process.env.ACME_SIMULATOR_PORT ?? 0)
const simulator = await startAcmeSimulator({ port, token: process.env.ACME_SIMULATOR_TOKEN })
console.log(JSON.stringify({ url: simulator.url, token: simulator.token }))

const stop = () => void simulator.close().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
