import type { Stack } from './start-stack.js'

/** The fixture app node-hello, as a createDeployment input names it. */
export const NODE_HELLO = {
  framework: 'nodejs',
  githubUrl: 'https://github.com/acme/node-hello.git',
  branch: 'main',
} as const

/** node-hello on a VM of the size the tests ask for: a createDeployment input, less its name. */
export const NODE_HELLO_VM = { ...NODE_HELLO, type: 'VM', cpu: 2, memory: 2048, disk: 20 } as const

/**
 * Stores a node-hello deployment on `pve-lab` as one that failed (with `error`) before it had a
 * guest: straight into the gateway's store, so nothing runs for it. Answers its id.
 */
export async function storeFailedDeployment(stack: Stack, name: string, error: string): Promise<number> {
  const { store } = stack.gateway.hangar.deployments
  const made = await store.create(
    { ...NODE_HELLO_VM, name, provider: 'pve-lab' },
    { publicKey: 'ssh-ed25519 AAAA test', privateKey: 'unused in this test' },
  )
  await store.update(made.id, { status: 'FAILED', error })
  return made.id
}
