import type { DeploymentRecord, NewDeployment } from '../src/deployments/deployment-store.js'

/** The part of a deployment store the log benches use. */
interface DeploymentCreator {
  create(deployment: NewDeployment, keys: { publicKey: string; privateKey: string }): Promise<DeploymentRecord>
}

/** Makes the deployment a log bench writes lines to: a small VM that is never deployed. */
export function createBenchDeployment(store: DeploymentCreator): Promise<DeploymentRecord> {
  return store.create(
    {
      name: 'bench',
      type: 'VM',
      framework: 'nodejs',
      githubUrl: 'https://github.com/acme/bench.git',
      branch: null,
      cpu: 1,
      memory: 512,
      disk: 5,
      provider: 'proxmox',
    },
    { publicKey: 'ssh-ed25519 AAAA bench', privateKey: 'bench' },
  )
}
