import type { DeploymentRecord } from './deployment-store.js'

/** `owner/repo` of a validated `https://github.com/owner/repo.git`. */
export const repositoryOf = (githubUrl: string) =>
  githubUrl.replace(/^https:\/\/github\.com\//, '').replace(/\.git$/, '')

/** The SSH form GitHub serves deploy keys on: `git@github.com:owner/repo.git`. */
export const sshUrlOf = (githubUrl: string) => `git@github.com:${repositoryOf(githubUrl)}.git`

/** The deploy key's private half on the guest (600), relative to the SSH user's home. */
export const deployKeyFileOf = (name: string) => `.hangar/${name}.deploy-key`

/** The pinned host keys on the guest, relative to the home. */
export const KNOWN_HOSTS_FILE = '.hangar/known_hosts'

/**
 * The ssh command git fetches a private repository with: the deployment's deploy key and nothing
 * else, host keys checked strictly against the pinned ones, and never a prompt.
 */
export const gitSshOf = (name: string) =>
  `ssh -i "$HOME/${deployKeyFileOf(name)}" -o IdentitiesOnly=yes -o IdentityAgent=none ` +
  `-o UserKnownHostsFile="$HOME/${KNOWN_HOSTS_FILE}" -o GlobalKnownHostsFile=/dev/null ` +
  '-o StrictHostKeyChecking=yes -o BatchMode=yes'

/**
 * What to do about a fetch that failed, from what git and ssh printed: a repository that refuses
 * the deploy key (or was never given it), a server that is not GitHub, a private repository asked
 * for as a public one. Undefined when the output says nothing recognisable.
 */
export function explainFetchFailure(
  deployment: Pick<DeploymentRecord, 'privateRepo' | 'githubUrl' | 'deployKey'>,
  said: readonly string[],
): string | undefined {
  const text = said.join('\n')
  const repository = repositoryOf(deployment.githubUrl)
  if (deployment.privateRepo) {
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/.test(text)) {
      return (
        "fetch failed: the server answering for github.com did not present GitHub's pinned host key, " +
        'so the deploy key was not offered to it (HANGAR_GIT_KNOWN_HOSTS pins others)'
      )
    }
    if (/Permission denied \(publickey\)|Repository not found|Could not read from remote repository/.test(text)) {
      return (
        `fetch failed: ${repository} refused this deployment's deploy key; ` +
        `add it on GitHub (${repository} → Settings → Deploy keys → Add deploy key, read access), then redeploy. ` +
        `The key: ${deployment.deployKey}`
      )
    }
    return undefined
  }
  if (/could not read Username|Authentication failed|Repository not found|terminal prompts disabled/.test(text)) {
    return (
      `fetch failed: ${repository} cannot be read without credentials; ` +
      'a private repository is deployed with privateRepo: true, and its deploy key added to it'
    )
  }
  return undefined
}
