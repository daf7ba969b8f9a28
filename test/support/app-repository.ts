import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** One fixture app's repository as `fixtureRepository` made it, to change between deployments. */
export interface AppRepository {
  path: string
  /** Runs git in it as the tests' committer; answers what it printed, trimmed. */
  git(...args: string[]): string
  /** Writes `files` and commits them to the checked-out branch; answers the commit. */
  commit(message: string, files: Record<string, string>): string
}

/** The repository of the fixture app `app` under `root` (github.com/acme/<app>). */
export function appRepository(root: string, app: string): AppRepository {
  const path = join(root, 'acme', `${app}.git`)
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Hangar Tests', '-c', 'user.email=tests@hangar.invalid', ...args], {
      cwd: path,
      encoding: 'utf8',
    }).trim()
  return {
    path,
    git,
    commit(message, files) {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text)
      git('add', '.')
      git('commit', '-q', '-m', message)
      return git('rev-parse', 'HEAD')
    },
  }
}
