import { quote } from 'shell-quote'

/** The values a recipe is built from; all validated before they get here, and quoted anyway. */
export interface RecipeContext {
  /** `https://github.com/owner/repo.git` */
  repoUrl: string
  /** What to fetch: a branch, a tag or a commit. */
  ref: string
  /** The deployment's name, also the service's. */
  name: string
  /** Where this release is fetched and built (absolute, or relative to the user's home). */
  appDir: string
  /** What the service runs from: the link to the release serving now (absolute, or relative to the home). */
  serveDir: string
  /** The port the app listens on. */
  port: number
  /** For a private repository: the ssh command git fetches with (its deploy key, pinned host keys). */
  gitSsh?: string
  /**
   * The app's environment file (relative to the user's home): `export KEY='value'` lines, mode
   * 600, written by the engine through standard input. The build and the service source it.
   */
  envFile: string
}

/** The app's environment file, relative to the SSH user's home. */
export const envFileOf = (name: string) => `.hangar/${name}.env`

/** The stages every recipe goes through, in order; their names are the deployment's `step`. */
export type RecipeStage = 'runtime' | 'fetch' | 'dependencies' | 'build' | 'service'

/** One stage: shell command lines, each built from quoted values (never raw input). */
export interface RecipeStep {
  stage: RecipeStage
  commands: string[]
}

/** How the engine decides the app is up. */
export interface HealthCheck {
  path: string
  /** `success`: a 2xx/3xx answer; `any`: any answer below 500 (frameworks with no page at `/`). */
  expect: 'success' | 'any'
}

/** A framework the engine can deploy: catalogue data plus the functions that build its recipe. */
export interface Framework {
  id: string
  name: string
  version: string
  language: 'python' | 'javascript' | 'php' | 'java' | 'static'
  /** The port the app listens on. */
  port: number
  health: HealthCheck
  /** The commands of each stage for one deployment. */
  recipe(context: RecipeContext): RecipeStep[]
}

/** One command line from arguments, each quoted for a POSIX shell. */
export const sh = (...args: (string | number)[]): string => quote(args.map(String))

/** The line the fetch stage prints with the commit it checked out; the engine reads it. */
export const FETCHED_COMMIT = /^fetched commit ([0-9a-f]{40})$/

/**
 * Fetches `ref` (a branch, a tag or a commit) into the release's own directory, afresh: a fetch
 * cut short (a killed gateway) is simply done again. Prints the commit it checked out.
 */
function fetchStep({ repoUrl, ref, appDir, gitSsh }: RecipeContext): RecipeStep {
  const ssh = gitSsh === undefined ? '' : `GIT_SSH_COMMAND=${sh(gitSsh)} `
  return {
    stage: 'fetch',
    commands: [
      `${sh('rm', '-rf', '--', appDir)} && ${sh('mkdir', '-p', appDir)} && ` +
        `${sh('git', '-C', appDir, 'init', '-q')} && ${sh('git', '-C', appDir, 'remote', 'add', 'origin', repoUrl)}`,
      `${ssh}${sh('git', '-C', appDir, 'fetch', '--depth', 1, 'origin', ref)} && ` +
        `${sh('git', '-C', appDir, 'checkout', '-q', '--detach', 'FETCH_HEAD')} && ` +
        `echo "fetched commit $(${sh('git', '-C', appDir, 'rev-parse', 'HEAD')})"`,
    ],
  }
}

/** Paths written into the launcher as text: only ever Hangar's own (validated names), checked again here. */
const PLAIN_PATH = /^[A-Za-z0-9._/-]+$/

/**
 * Starts `command` (already quoted) in the app directory as a service. The launcher it writes sets
 * the framework's defaults (`environment`), then sources the app's environment file (so a user's
 * variable overrides a default), then sets PORT, and runs the command; paths in it are absolute
 * (systemd wants them so), from the guest's home.
 */
function serviceStep(
  { name, serveDir, port, envFile }: RecipeContext,
  command: string,
  environment: Record<string, string> = {},
): RecipeStep {
  for (const path of [serveDir, envFile]) if (!PLAIN_PATH.test(path)) throw new Error(`not a plain path: ${path}`)
  const defaults = Object.entries(environment).map(([key, value]) => sh(`export ${key}=${sh(value)}`))
  // Beside the environment file, outside every release: the same launcher whichever release serves.
  const settings = envFile.slice(0, envFile.lastIndexOf('/') + 1)
  const launcher = `${settings}${name}.run.sh`
  const appLog = `${settings}${name}.log`
  const unit = `/etc/systemd/system/${name}.service`
  // Without systemd the app runs in a session of its own (setsid): its pid is its process group,
  // which a later service step stops (TERM, then KILL after 10 s) before starting the new one, so
  // the new one gets the port.
  const pidFile = `${settings}${name}.pid`
  const stopPrevious =
    `{ if [ -f ${sh(pidFile)} ]; then old=$(cat ${sh(pidFile)}); ` +
    `kill -TERM -- "-$old" 2>/dev/null || kill -TERM "$old" 2>/dev/null; ` +
    `for i in $(seq 50); do kill -0 -- "-$old" 2>/dev/null || kill -0 "$old" 2>/dev/null || break; sleep 0.2; done; ` +
    `kill -KILL -- "-$old" 2>/dev/null; rm -f ${sh(pidFile)}; fi; true; }`
  const absolute = (path: string) => (path.startsWith('/') ? path : `$PWD/${path}`)
  // "$PWD" is the home the SSH session starts in, expanded as the launcher is written; the rest is quoted.
  const lines = [
    `'#!/bin/sh'`,
    `"cd '${absolute(serveDir)}' || exit 1"`,
    ...defaults,
    `"if [ -f '${absolute(envFile)}' ]; then . '${absolute(envFile)}'; fi"`,
    sh(`export PORT=${port}`),
    sh(`exec ${command}`),
  ]
  return {
    stage: 'service',
    commands: [
      `mkdir -p ${sh(settings || '.')} && printf '%s\\n' ${lines.join(' ')} > ${sh(launcher)}`,
      `chmod 700 ${sh(launcher)}`,
      `if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then ` +
        `printf '%s\\n' '[Unit]' ${sh(`Description=${name} (deployed by Hangar)`)} 'After=network.target' ` +
        `'[Service]' "ExecStart=${absolute(launcher)}" 'Restart=always' ` +
        `'[Install]' 'WantedBy=multi-user.target' > ${sh(unit)} && ` +
        `systemctl daemon-reload && ${sh('systemctl', 'enable', '--now', `${name}.service`)} && ` +
        `${sh('systemctl', 'restart', `${name}.service`)}; ` +
        `else ${stopPrevious} && ` +
        `if command -v setsid >/dev/null 2>&1; then setsid nohup ${sh(launcher)} > ${sh(appLog)} 2>&1 < /dev/null & ` +
        `else nohup ${sh(launcher)} > ${sh(appLog)} 2>&1 < /dev/null & fi; echo $! > ${sh(pidFile)}; fi`,
    ],
  }
}

/**
 * What a framework does at each stage but the fetch, which is the same for every one. The lines of
 * `dependencies` and `build` run in the app directory with its environment (see {@link inApp}).
 */
export interface RecipeStages {
  /** Installs the language runtime when it is missing (see {@link runtimeStep}). */
  runtime: RecipeStep
  dependencies: string[]
  build: string[]
  /** The service's command line (quoted), given the port the app listens on. */
  serve: (port: number) => string
  /** The framework's defaults for the service's environment; the app's own variables override them. */
  environment?: Record<string, string>
}

/** A recipe going through every {@link RecipeStage} in order, built from what the framework does at each. */
export function recipeOf(stages: RecipeStages): (context: RecipeContext) => RecipeStep[] {
  return (context) => [
    stages.runtime,
    fetchStep(context),
    { stage: 'dependencies', commands: stages.dependencies.map((command) => inApp(context, command)) },
    { stage: 'build', commands: stages.build.map((command) => inApp(context, command)) },
    serviceStep(context, stages.serve(context.port), stages.environment),
  ]
}

/** Runs the stage's commands only when the runtime is missing (`probe` fails). */
export function runtimeStep(probe: string, install: string[]): RecipeStep {
  return { stage: 'runtime', commands: [`if ! ${probe} >/dev/null 2>&1; then ${install.join(' && ')}; fi`] }
}

/** Runs in the app directory, with the app's environment (its variables, secrets included) loaded. */
const inApp = ({ appDir, envFile }: RecipeContext, command: string): string =>
  `cd ${sh(appDir)} && { [ ! -f "$HOME"/${sh(envFile)} ] || . "$HOME"/${sh(envFile)}; } && ${command}`
