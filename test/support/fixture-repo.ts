import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Makes git repositories of fixture apps (test/fixtures/apps/<name>, as github.com/acme/<name>) and returns the git
 * configuration, as environment variables, that maps `https://github.com/` to it with
 * `url.<base>.insteadOf`, so a recipe's real `git clone https://github.com/...` fetches it.
 */
export function fixtureRepository(
  apps: string | string[],
  branch = 'main',
): { root: string; env: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'hangar-repos-'))
  for (const app of typeof apps === 'string' ? [apps] : apps) {
    const repo = join(root, 'acme', `${app}.git`)
    cpSync(new URL(`../fixtures/apps/${app}`, import.meta.url).pathname, repo, { recursive: true })
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Hangar Tests', '-c', 'user.email=tests@hangar.invalid', ...args], {
        cwd: repo,
        stdio: 'pipe',
      })
    git('init', '-q', '-b', branch)
    git('add', '.')
    git('commit', '-q', '-m', 'fixture app')
  }
  return {
    root,
    env: {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `url.file://${root}/.insteadOf`,
      GIT_CONFIG_VALUE_0: 'https://github.com/',
    },
  }
}
