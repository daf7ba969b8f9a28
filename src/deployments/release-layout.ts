import { sh } from './frameworks/framework.js'

/**
 * Where a deployment's releases live on its guest, relative to the SSH user's home:
 *
 *     apps/<name>                  -> .releases/<name>/<n>   (a link: the release serving now)
 *     apps/.releases/<name>/<n>/   each release, fetched and built in a directory of its own
 *     .hangar/<name>.env           the app's environment (600), outside every release
 *
 * Switching is replacing the link in one rename; a checkout an older Hangar left at `apps/<name>`
 * becomes release 1's directory at the first switch.
 */
export const serveDirOf = (name: string) => `apps/${name}`
export const releasesDirOf = (name: string) => `apps/.releases/${name}`
export const releaseDirOf = (name: string, number: number) => `${releasesDirOf(name)}/${number}`

/** How many releases that built stay on the guest (the serving one included). */
export const KEPT_RELEASES = 5

/** Points `apps/<name>` at release `number` (which must be there) in one rename. */
export function switchCommand(name: string, number: number): string {
  const serve = serveDirOf(name)
  const releases = releasesDirOf(name)
  const next = `${serve}.next`
  return [
    sh('mkdir', '-p', releases),
    // An older Hangar's checkout: it was release 1.
    `{ if [ -d ${sh(serve)} ] && [ ! -L ${sh(serve)} ]; then if [ -e ${sh(`${releases}/1`)} ]; ` +
      `then ${sh('rm', '-rf', '--', serve)}; else ${sh('mv', serve, `${releases}/1`)}; fi; fi; }`,
    `[ -d ${sh(releaseDirOf(name, number))} ]`,
    sh('ln', '-sfn', `.releases/${name}/${number}`, next),
    sh('mv', '-Tf', next, serve),
  ].join(' && ')
}

/** Removes releases' directories. */
export const removeReleasesCommand = (name: string, numbers: readonly number[]) =>
  sh('rm', '-rf', '--', ...numbers.map((number) => releaseDirOf(name, number)))
