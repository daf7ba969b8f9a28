import { parseArgs } from 'node:util'

const HELP = `hangar: one API for servers and app deployments across clouds and hypervisors

Usage:
  hangar serve                         run the gateway (the demo, with simulators, when no provider is configured)
  hangar simulator <plugin> [--port N] [--http] [--guests N]
                                       run one provider's simulator alone on loopback (plugins: proxmox, kamatera)
  hangar token create --role ROLE --name NAME [--expires 30d] [--json]
  hangar token list [--json] | hangar token revoke ID
                                       manage API tokens (on DATABASE_URL directly)
  hangar audit [--json] [--actor NAME] [--action NAME] [--limit N]
                                       who did what, newest first
  hangar help                          this text

Configuration comes from the environment (HANGAR_HOST, HANGAR_PORT, DATABASE_URL, HANGAR_CONFIG,
PROXMOX_*, KAMATERA_*); see README.md.`

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'serve':
      return (await import('./serve-command.js')).runServe()
    case 'simulator': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { port: { type: 'string' }, http: { type: 'boolean', default: false }, guests: { type: 'string' } },
      })
      return (await import('./simulator-command.js')).runSimulator(positionals[0], { port: values.port, http: values.http ?? false, guests: values.guests })
    }
    case 'token':
      return (await import('./token-command.js')).runToken(rest)
    case 'audit':
      return (await import('./audit-command.js')).runAudit(rest)
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP)
      return 0
    default:
      console.error(`hangar: unknown command "${command}"\n\n${HELP}`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code
  },
  (error: unknown) => {
    console.error(`hangar: ${(error as Error).message}`)
    process.exitCode = 1
  },
)
