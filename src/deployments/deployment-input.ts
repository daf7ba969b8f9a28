import { BadInputError } from '../errors/index.js'
import { findFramework } from './frameworks/index.js'
import type { DeploymentType, NewDeployment } from './deployment-store.js'
import type { VariableInput } from './deployment-variables.js'

/** What a user asks for; the seed's fields, with CONTRACT.md's defaults. */
export interface DeploymentRequest {
  type: DeploymentType
  framework: string
  githubUrl: string
  branch?: string | null
  name?: string | null
  cpu?: number | null
  memory?: number | null
  disk?: number | null
  provider?: string | null
  /** Fetch over SSH with a deploy key of the deployment's own. */
  privateRepo?: boolean | null
  /** The app's environment; secrets are write-only. */
  variables?: readonly VariableInput[] | null
}

/** `https://github.com/owner/repo` with an optional `.git` or trailing slash; nothing else. */
const GITHUB_URL = /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/
/** Git's ref rules, narrowed to characters that never mean anything to a shell. */
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/
/** Checks a ref to fetch (a branch, a tag or a commit); `field` names it in the error. */
export function checkRef(ref: string, field: string): void {
  if (!BRANCH.test(ref) || ref.includes('..') || ref.endsWith('/') || ref.endsWith('.lock')) {
    throw new BadInputError(`${field}: a branch, a tag or a commit: letters, digits and . _ / - only`, { field })
  }
}

/** A hostname label: the guest is named after the deployment. */
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

const RANGES = { cpu: [1, 32], memory: [512, 131_072], disk: [5, 2_048] } as const

function fail(field: string, message: string): never {
  throw new BadInputError(`input.${field}: ${message}`, { field: `input.${field}` })
}

/** `<framework>-<yyyymmdd>-<hhmmss>`, the seed's default name (UTC). */
export function defaultName(framework: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${framework}-${stamp}`
}

/**
 * Checks every field before anything is stored, so that only validated values ever reach a
 * recipe (which quotes them anyway). Errors name the field, e.g. `input.branch: ...`.
 */
export function validateDeploymentRequest(request: DeploymentRequest, provider: string): NewDeployment {
  if (request.type !== 'VM' && request.type !== 'LXC') fail('type', 'must be VM or LXC')
  if (!findFramework(request.framework))
    fail('framework', `unknown framework "${request.framework}"; see the frameworks query`)
  const url = GITHUB_URL.exec(request.githubUrl.trim())
  if (!url) fail('githubUrl', 'must be a GitHub repository URL such as https://github.com/owner/repo.git')
  const branch = request.branch ?? null
  if (
    branch !== null &&
    (!BRANCH.test(branch) || branch.includes('..') || branch.endsWith('/') || branch.endsWith('.lock'))
  ) {
    fail('branch', 'letters, digits and . _ / - only (a git branch name)')
  }
  const name = request.name ?? defaultName(request.framework)
  if (!NAME.test(name))
    fail('name', 'lowercase letters, digits and "-", 1 to 63 characters, not starting or ending with "-"')
  const sizes = { cpu: request.cpu ?? 2, memory: request.memory ?? 2048, disk: request.disk ?? 20 }
  for (const [field, [min, max]] of Object.entries(RANGES)) {
    const value = sizes[field as keyof typeof sizes]
    if (!Number.isInteger(value) || value < min || value > max) fail(field, `a whole number from ${min} to ${max}`)
  }
  return {
    name,
    type: request.type,
    framework: request.framework,
    githubUrl: `https://github.com/${url[1]}/${url[2]}.git`,
    branch,
    ...sizes,
    provider,
    privateRepo: request.privateRepo ?? false,
  }
}
