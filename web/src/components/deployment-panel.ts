import type { DeploymentStatus } from '../gql/graphql.js'

/** Where a change a panel made leaves the deployment, for its page to show at once. */
export interface StartedDeployment {
  status: DeploymentStatus
  step?: string | null
}

/** Options every panel of a deployment's page takes. */
export interface DeploymentPanelProps {
  /** The deployment's id. */
  id: string
  /** The caller may change what the panel shows (and the deployment is not deleted). */
  editable: boolean
  /** Changes whenever the deployment's state does, so the panel reads its list again. */
  refreshKey: unknown
  /** Called with the deployment's state once a change the panel made is accepted. */
  onStarted: (deployment: StartedDeployment) => void
}
