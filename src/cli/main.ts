import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { EXIT, EXIT_CODES_HELP } from './exit-codes.js'
import { exitOnSignals } from './exit-on-signal.js'
import { CliError, targetFromEnvironment } from './gateway-client.js'
import { AUDIT_USAGE, TOKEN_USAGE } from './local-command-help.js'
import { collect } from './provider-options-flag.js'

/**
 * `hangar`: the seed tool's commands and the deployment commands talk to a running gateway
 * (HANGAR_URL, HANGAR_TOKEN) over GraphQL; `serve`, `simulator`, `token` and `audit` work locally.
 */
const program = new Command('hangar')
  .description('One API for servers and app deployments across clouds and hypervisors.')
  .addHelpText(
    'after',
    `
Environment: HANGAR_URL (default http://127.0.0.1:4000), HANGAR_TOKEN (when the gateway has tokens),
NO_COLOR. \`hangar serve\` reads HANGAR_HOST, HANGAR_PORT, DATABASE_URL, HANGAR_CONFIG, PROXMOX_*,
KAMATERA_* (see README.md). A server id is the gateway's ("proxmox:qemu/101") or, when only one
server has it, the provider's own ("qemu/101").

${EXIT_CODES_HELP}`,
  )
  .version(
    (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
    '-V, --version',
    'print the version',
  )
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  // A signal ends a command at once (130, 143); `serve` and `simulator` shut down on their own.
  .hook('preAction', (_program, command) => {
    if (command.name() !== 'serve' && command.name() !== 'simulator') exitOnSignals()
  })

// `hangar list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

let exitCode = 0
const run = (work: () => Promise<number>) => async () => {
  exitCode = await work()
}
const target = () => targetFromEnvironment()

program
  .command('list')
  .description('every server of every provider')
  .option('--json', 'a JSON array, for scripts (`hangar list --json | jq -r ".[].id"`)')
  .option('--provider <name>', "only this provider's servers")
  .option('--status <status>', 'only servers in this state (running, stopped, ...)')
  .action((options) => run(async () => (await import('./server-commands.js')).listCommand(target(), options))())

program
  .command('details <id>')
  .description('one server, with everything its provider reports')
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./server-commands.js')).detailsCommand(target(), id, options))(),
  )

for (const action of ['start', 'stop', 'reboot'] as const) {
  program
    .command(`${action} <id>`)
    .description(`${action} a server and follow the upstream task to its end`)
    .option('--json', 'print the finished operation as JSON')
    .option('-y, --yes', "accepted for the seed's scripts; nothing is asked")
    .action((id: string, options) =>
      run(async () => (await import('./server-commands.js')).powerCommand(target(), action, id, options))(),
    )
}

program
  .command('destroy <id>')
  .description('destroy a server and its disks (asks for its name unless -y)')
  .option('-y, --yes', 'do not ask')
  .option('--json', 'print the finished operation as JSON')
  .action((id: string, options) =>
    run(async () => (await import('./server-commands.js')).destroyCommand(target(), id, options))(),
  )

program
  .command('create')
  .description('make a new server (a VM, or a Proxmox container); without --image, lists the images to pick from')
  .requiredOption('--provider <name>', 'a provider instance, e.g. kamatera (see `hangar status`)')
  .option('--name <name>', '4 to 40 letters, digits, - or _')
  .option('--image <id>', 'an image id or name from `hangar catalog <provider> --location L`')
  .option('--cpu <cores>')
  .option('--memory <mb>')
  .option('--disk <gb>')
  .option('--location <id>', 'a datacenter (Kamatera) or node (see `hangar catalog <provider>`)')
  .option(
    '--kind <kind>',
    'vm or container; default: what the image makes (a Proxmox container template makes a container)',
  )
  .option('--no-start', 'leave the new server powered off')
  .option(
    '--password <password>',
    'root password (or HANGAR_SERVER_PASSWORD, which `ps` does not show); ' +
      'with neither it nor --ssh-key, one is generated and printed once',
  )
  .option('--ssh-key <file>', 'a public key file to log in with (a private key is refused)')
  .option(
    '--option <key=value>',
    'a provider option (repeatable): true/false are booleans, digits numbers, tags=a,b a list',
    collect,
  )
  .option('--json', 'print the finished operation as JSON (with "password" when one was generated)')
  .action((options) =>
    run(async () => (await import('./server-create-commands.js')).createCommand(target(), options))(),
  )

program
  .command('clone <id>')
  .description('copy a server under a new name, following the upstream task')
  .requiredOption('--name <name>', "the copy's name")
  .option('--location <node>', "where the copy goes (a Proxmox node); default: the source's")
  .option('--cpu <cores>', "default: the source's")
  .option('--memory <mb>', "default: the source's")
  .option('--no-start', 'leave the copy powered off')
  .option(
    '--option <key=value>',
    'a provider option (repeatable), e.g. snapshot=before-upgrade to copy a running Proxmox container',
    collect,
  )
  .option('--json', 'print the finished operation as JSON')
  .action((id: string, options) =>
    run(async () => (await import('./server-create-commands.js')).cloneCommand(target(), id, options))(),
  )

program
  .command('resize <id>')
  .description('change one size of a server: exactly one of --cpu, --memory or --disk')
  .option('--cpu <cores>')
  .option('--memory <mb>')
  .option('--disk <gb>', "the main disk's new total size (grow only)")
  .option('--json', 'print the finished operation as JSON')
  .action((id: string, options) =>
    run(async () => (await import('./server-create-commands.js')).resizeCommand(target(), id, options))(),
  )

const snapshot = program.command('snapshot').description("a server's snapshots: list, create, rollback, delete")

snapshot
  .command('list <id>')
  .description("a server's snapshots, oldest first, indented under the one each was taken after")
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./snapshot-commands.js')).snapshotListCommand(target(), id, options))(),
  )

snapshot
  .command('create <id> <name>')
  .description('take a snapshot named <name> (a letter, then letters, digits, - or _), following the upstream task')
  .option('--description <text>')
  .option('--memory', 'also save the RAM of a running VM (Proxmox)')
  .option('--json', 'print the finished operation as JSON')
  .action((id: string, name: string, options) =>
    run(async () => (await import('./snapshot-commands.js')).snapshotCreateCommand(target(), id, name, options))(),
  )

snapshot
  .command('rollback <id> <name>')
  .description("roll a server back to a snapshot, losing what changed since (asks for the snapshot's name unless -y)")
  .option('-y, --yes', 'do not ask')
  .option('--json', 'print the finished operation as JSON')
  .action((id: string, name: string, options) =>
    run(async () => (await import('./snapshot-commands.js')).snapshotRollbackCommand(target(), id, name, options))(),
  )

snapshot
  .command('delete <id> <name>')
  .description('delete a snapshot; the server itself stays as it is')
  .option('--json', 'print the finished operation as JSON')
  .action((id: string, name: string, options) =>
    run(async () => (await import('./snapshot-commands.js')).snapshotDeleteCommand(target(), id, name, options))(),
  )

program
  .command('catalog <provider>')
  .description('what a provider offers for create: locations; with --location, its images, CPU types and disk sizes')
  .option('--location <id>')
  .option('--json', 'JSON')
  .action((provider: string, options) =>
    run(async () => (await import('./catalog-command.js')).catalogCommand(target(), provider, options))(),
  )

program
  .command('deploy')
  .description('deploy an app from GitHub onto a new VM or container')
  .requiredOption('--type <type>', 'vm or lxc')
  .requiredOption('--framework <id>', 'see `hangar frameworks`')
  .requiredOption('--repo <url>', 'https://github.com/owner/repo.git')
  .option('--branch <branch>')
  .option('--name <name>', 'default: <framework>-<yyyymmdd>-<hhmmss>')
  .option('--cpu <cores>')
  .option('--memory <mb>')
  .option('--disk <gb>')
  .option('--provider <name>')
  .option(
    '--private-repo',
    'fetch over SSH with a deploy key made for this deployment (printed: add it to the repository)',
  )
  .option('--follow', 'stream the logs; exit 0 on RUNNING, 1 on FAILED')
  .option('--json', 'JSON')
  .action((options) => run(async () => (await import('./deployment-commands.js')).deployCommand(target(), options))())

program
  .command('deployments')
  .description('every deployment, newest first')
  .option('--status <status>')
  .option('--json', 'JSON')
  .action((options) =>
    run(async () => (await import('./deployment-commands.js')).deploymentsCommand(target(), options))(),
  )

program
  .command('logs <id>')
  .description("a deployment's log (--follow streams it, resuming after a dropped connection)")
  .option('--follow', 'stream until the deployment is done')
  .option('--after <seq>', 'only lines after this one')
  .action((id: string, options) =>
    run(async () => (await import('./deployment-commands.js')).logsCommand(target(), id, options))(),
  )

program
  .command('restart <id>')
  .description("reboot a deployment's guest and check the app again")
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./deployment-commands.js')).restartCommand(target(), id, options))(),
  )

program
  .command('redeploy <deployment>')
  .description(
    "build a new release (the tracked branch's head, or --ref) beside the serving one, " +
      'and switch to it once it answers',
  )
  .option('--ref <ref>', 'a branch, a tag or a commit')
  .option('--follow', "stream the release's log lines; exit 0 when it serves, 1 when it failed")
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./release-commands.js')).redeployCommand(target(), id, options))(),
  )

program
  .command('releases <deployment>')
  .description("a deployment's releases, newest first: status, ref, commit, and whether it is kept on the guest")
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./release-commands.js')).releasesCommand(target(), id, options))(),
  )

program
  .command('rollback <deployment> <release>')
  .description('switch back to a kept release without building, and check it')
  .option('--json', 'JSON')
  .action((id: string, release: string, options) =>
    run(async () => (await import('./release-commands.js')).rollbackCommand(target(), id, release, options))(),
  )

const env = program.command('env').description("a deployment's variables: list, set, unset (secrets are write-only)")

env
  .command('list <deployment>')
  .description('the variables, by key; a secret shows its key only')
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./env-commands.js')).envListCommand(target(), id, options))(),
  )

env
  .command('set <deployment> <pairs...>')
  .description(
    'set KEY=VALUE ...; a KEY alone reads its value from standard input (keeps a secret out of shell history); ' +
      'redeploys a running app unless --no-redeploy',
  )
  .option('--secret', 'write-only: never shown again')
  .option('--no-redeploy', 'keep them for the next redeploy or restart')
  .option('--json', 'JSON')
  .action((id: string, pairs: string[], options) =>
    run(async () => (await import('./env-commands.js')).envSetCommand(target(), id, pairs, options))(),
  )

env
  .command('unset <deployment> <keys...>')
  .description('remove variables; redeploys a running app unless --no-redeploy')
  .option('--no-redeploy', 'keep the change for the next redeploy or restart')
  .option('--json', 'JSON')
  .action((id: string, keys: string[], options) =>
    run(async () => (await import('./env-commands.js')).envUnsetCommand(target(), id, keys, options))(),
  )

program
  .command('delete <id>')
  .description("destroy a deployment's guest; the record stays as DELETED")
  .option('--json', 'JSON')
  .action((id: string, options) =>
    run(async () => (await import('./deployment-commands.js')).deleteCommand(target(), id, options))(),
  )

program
  .command('status')
  .description("providers' connections and deployment counts")
  .option('--json', 'JSON')
  .action((options) => run(async () => (await import('./info-commands.js')).statusCommand(target(), options))())

program
  .command('frameworks')
  .description('what can be deployed')
  .option('--json', 'JSON')
  .action((options) => run(async () => (await import('./info-commands.js')).frameworksCommand(target(), options))())

program
  .command('resources')
  .description('compute hosts with their usage')
  .option('--provider <name>', "only this provider's hosts")
  .option('--json', 'JSON')
  .action((options) => run(async () => (await import('./info-commands.js')).resourcesCommand(target(), options))())

program
  .command('serve')
  .description('run the gateway (the demo, with simulators, when no provider is configured)')
  .action(() => run(async () => (await import('./serve-command.js')).runServe())())

program
  .command('simulator <plugin>')
  .description("run one provider's simulator alone on loopback (proxmox, kamatera)")
  .option('--port <port>', 'port to listen on (default: a free one)')
  .option('--http', "plain HTTP (Proxmox; Kamatera's is always HTTP)")
  .option('--guests <count>', 'a fleet of this many guests (Proxmox) or servers (Kamatera)')
  .option(
    '--guest-exec <mode>',
    'playback (default: realistic recipe output) or execute (run guest commands for real in a throwaway directory)',
  )
  .option(
    '--guest-env <KEY=VALUE>',
    'environment for executed guest commands (repeatable)',
    (entry: string, entries: string[] | undefined) => [...(entries ?? []), entry],
  )
  .action((plugin: string, options) =>
    run(async () =>
      (await import('./simulator-command.js')).runSimulator(plugin, {
        port: options.port,
        http: Boolean(options.http),
        guests: options.guests,
        guestExec: options.guestExec,
        guestEnv: options.guestEnv ?? [],
      }),
    )(),
  )

program
  .command('token')
  .description('create, list or revoke API tokens, on DATABASE_URL directly (see `hangar token help`)')
  .allowUnknownOption()
  .helpOption(false)
  .configureHelp({ formatHelp: () => `${TOKEN_USAGE}\n` })
  .argument('[args...]')
  .action((args: string[]) => run(async () => (await import('./token-command.js')).runToken(args))())

program
  .command('audit')
  .description('who did what, newest first, from DATABASE_URL (--json, --actor, --action, --limit)')
  .allowUnknownOption()
  .helpOption(false)
  .configureHelp({ formatHelp: () => `${AUDIT_USAGE}\n` })
  .argument('[args...]')
  .action((args: string[]) => run(async () => (await import('./audit-command.js')).runAudit(args))())

try {
  await program.parseAsync(process.argv)
  if (exitCode !== 0) process.exitCode = exitCode
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.USAGE
  } else if (error instanceof CliError) {
    console.error(`hangar: ${error.message}`)
    process.exitCode = error.exitCode
  } else {
    console.error(`hangar: ${(error as Error).message}`)
    process.exitCode = EXIT.FAILED
  }
}
