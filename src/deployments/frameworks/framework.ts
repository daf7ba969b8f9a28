import { quote } from 'shell-quote'

/** The values a recipe is built from; all validated before they get here, and quoted anyway. */
export interface RecipeContext {
  /** `https://github.com/owner/repo.git` */
  repoUrl: string
  branch: string
  /** The deployment's name, also the service's. */
  name: string
  /** Where the repository is checked out on the guest (absolute, or relative to the user's home). */
  appDir: string
  /** The port the app listens on. */
  port: number
}

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

/**
 * Shared stages: check out the branch (or update an existing checkout), and run the app as a
 * service: a systemd unit where there is systemd, a background process otherwise.
 */
export function fetchStep({ repoUrl, branch, appDir }: RecipeContext): RecipeStep {
  return {
    stage: 'fetch',
    commands: [
      // A checkout that cannot be updated (a clone cut short when the gateway was killed, a
      // directory left without its .git) is removed and cloned afresh, so the stage can always
      // run again.
      `if [ -d ${sh(`${appDir}/.git`)} ] && ${sh('git', '-C', appDir, 'fetch', '--depth', 1, 'origin', branch)} && ${sh('git', '-C', appDir, 'reset', '--hard', 'FETCH_HEAD')}; then :; else ${sh('rm', '-rf', '--', appDir)} && ${sh('git', 'clone', '--depth', 1, '--branch', branch, repoUrl, appDir)}; fi`,
    ],
  }
}

/** Starts `command` (already quoted) in the app directory with PORT set, as a service. */
export function serviceStep({ name, appDir, port }: RecipeContext, command: string, environment: Record<string, string> = {}): RecipeStep {
  const env = Object.entries({ PORT: String(port), ...environment }).map(([key, value]) => `${key}=${sh(value)}`)
  const launcher = `${appDir}/.hangar-run.sh`
  const unit = `/etc/systemd/system/${name}.service`
  return {
    stage: 'service',
    commands: [
      `printf '%s\\n' '#!/bin/sh' ${sh(`cd ${sh(appDir)} || exit 1`)} ${sh(`exec env ${env.join(' ')} ${command}`)} > ${sh(launcher)}`,
      `chmod +x ${sh(launcher)}`,
      `if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then ` +
        `printf '%s\\n' '[Unit]' ${sh(`Description=${name} (deployed by Hangar)`)} 'After=network.target' '[Service]' ${sh(`ExecStart=${launcher}`)} 'Restart=always' '[Install]' 'WantedBy=multi-user.target' > ${sh(unit)} && ` +
        `systemctl daemon-reload && ${sh('systemctl', 'enable', '--now', `${name}.service`)} && ${sh('systemctl', 'restart', `${name}.service`)}; ` +
        `else nohup ${sh(launcher)} > ${sh(`${appDir}/.hangar-app.log`)} 2>&1 & fi`,
    ],
  }
}

/** Runs the stage's commands only when the runtime is missing (`probe` fails). */
export function runtimeStep(probe: string, install: string[]): RecipeStep {
  return { stage: 'runtime', commands: [`if ! ${probe} >/dev/null 2>&1; then ${install.join(' && ')}; fi`] }
}

/** Runs in the app directory. */
export const inApp = ({ appDir }: RecipeContext, command: string): string => `cd ${sh(appDir)} && ${command}`
