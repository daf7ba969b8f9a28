import { graphql } from './gql/index.js'

/** One page of server cards, with the filters of the servers page. */
export const ServerCards = graphql(`
  query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {
    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {
      totalCount
      unavailableProviders
      pageInfo { hasNextPage endCursor }
      nodes { id name provider kind status location cpu memoryMb diskGb ips }
    }
  }
`)

/** The providers a filter offers. */
export const ProviderNames = graphql(`
  query DashboardProviders { providers { name plugin connected } }
`)

/** Every provider's compute hosts with their use, for the resource bars (null for one that does not answer). */
export const ProviderHosts = graphql(`
  query DashboardProviderHosts {
    providers {
      resources {
        provider name status cpu { cores usage } memory { total used }
        vms { total running } containers { total running }
      }
    }
  }
`)

/** One server with every property its provider reports. */
export const ServerProperties = graphql(`
  query DashboardServer($id: ID!) {
    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }
  }
`)

/** What a mutation that starts an operation answers: enough to follow it and to say how it ended. */
export const StartedOperationFields = graphql(`
  fragment DashboardStartedOperation on Operation { id action status error serverId }
`)

/** An operation as a page follows it: when it started and ended, and its log. */
export const OperationFields = graphql(`
  fragment DashboardOperationFields on Operation { ...DashboardStartedOperation startedAt finishedAt logs }
`)

/** The fields of an operation the page follows. */
export const OperationState = graphql(`
  query DashboardOperation($id: ID!) {
    operation(id: $id) { ...DashboardOperationFields }
  }
`)

/** The same fields, pushed over the WebSocket as they change (new log lines, status). */
export const OperationUpdates = graphql(`
  subscription DashboardOperationUpdates($id: ID!) {
    operation(id: $id) { ...DashboardOperationFields }
  }
`)

export const StartServer = graphql(`
  mutation DashboardStart($id: ID!) { startServer(id: $id) { ...DashboardStartedOperation } }
`)

export const StopServer = graphql(`
  mutation DashboardStop($id: ID!) { stopServer(id: $id) { ...DashboardStartedOperation } }
`)

export const DestroyServer = graphql(`
  mutation DashboardDestroy($id: ID!, $confirm: String!) {
    destroyServer(id: $id, confirm: $confirm) { ...DashboardStartedOperation }
  }
`)

/** One page of deployments, newest first, for the deployments list. */
export const DeploymentRows = graphql(`
  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {
    deployments(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id name type framework provider status step createdAt }
    }
  }
`)

/** A deployment's fields as its page shows them. */
export const DeploymentFields = graphql(`
  fragment DashboardDeploymentFields on Deployment {
    id name type framework githubUrl branch provider status step error createdAt deployedAt
    host { id node ip }
    resources { cpu memory disk }
    privateRepo deployKey commitSha
  }
`)

/** One deployment, as its page shows it. */
export const DeploymentProperties = graphql(`
  query DashboardDeployment($id: ID!) { deployment(id: $id) { ...DashboardDeploymentFields } }
`)

/** The same fields, pushed over the WebSocket as they change (the current state first). */
export const DeploymentStatusUpdates = graphql(`
  subscription DashboardDeploymentStatus($id: ID!) { deploymentStatus(id: $id) { ...DashboardDeploymentFields } }
`)

/** A deployment's log lines with seq > after, many to an event: the stored ones, then new ones as they are written. */
export const DeploymentLogLines = graphql(`
  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {
    deploymentLogBatches(id: $id, after: $after) { seq at stream line }
  }
`)

/** Every framework with its recipe's stages, for the form and the step list. */
export const FrameworkStages = graphql(`
  query DashboardFrameworks { frameworks { id name version stages } }
`)

/** The providers with what each can do, for the new deployment form. */
export const DeployProviders = graphql(`
  query DashboardDeployProviders { providers { name plugin connected capabilities } }
`)

export const CreateDeployment = graphql(`
  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) {
    createDeployment(input: $input) { id name status }
  }
`)

export const RestartDeployment = graphql(`
  mutation DashboardRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status step } }
`)

export const CancelDeployment = graphql(`
  mutation DashboardCancelDeployment($id: ID!) { cancelDeployment(id: $id) { id status error } }
`)

export const DeleteDeployment = graphql(`
  mutation DashboardDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }
`)

/** What a provider can do, so a server's page offers only what its provider supports. */
export const ProviderCapabilities = graphql(`
  query DashboardProviderCapabilities { providers { name capabilities } }
`)

/** A server's snapshots, oldest first (UNSUPPORTED where the provider keeps none). */
export const ServerSnapshots = graphql(`
  query DashboardSnapshots($id: ID!) {
    server(id: $id) { id snapshots { name description createdAt includesMemory parent } }
  }
`)

/** The operations on a server, newest first, with their logs. */
export const ServerOperationList = graphql(`
  query DashboardServerOperations($id: ID!) {
    server(id: $id) { id operations(first: 20) { ...DashboardOperationFields } }
  }
`)

export const RebootServer = graphql(`
  mutation DashboardReboot($id: ID!) { rebootServer(id: $id) { ...DashboardStartedOperation } }
`)

export const ResizeServer = graphql(`
  mutation DashboardResize($id: ID!, $input: ResizeServerInput!) {
    resizeServer(id: $id, input: $input) { ...DashboardStartedOperation }
  }
`)

export const CloneServer = graphql(`
  mutation DashboardClone($id: ID!, $input: CloneServerInput!) {
    cloneServer(id: $id, input: $input) { ...DashboardStartedOperation }
  }
`)

export const CreateSnapshot = graphql(`
  mutation DashboardCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {
    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) {
      ...DashboardStartedOperation
    }
  }
`)

export const RollbackSnapshot = graphql(`
  mutation DashboardRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {
    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { ...DashboardStartedOperation }
  }
`)

export const DeleteSnapshot = graphql(`
  mutation DashboardDeleteSnapshot($id: ID!, $name: String!) {
    deleteSnapshot(id: $id, name: $name) { ...DashboardStartedOperation }
  }
`)

/** Where a copy may go: the provider's locations. */
export const CloneLocations = graphql(`
  query DashboardCloneLocations($provider: String!) { catalog(provider: $provider) { locations { id name } } }
`)

/** The providers a new server can go to (those with the `create` capability) and their plugin. */
export const CreateProviders = graphql(`
  query DashboardCreateProviders { providers { name plugin capabilities connected } }
`)

/** What the create form offers for one provider, and for one of its locations once chosen. */
export const CreateCatalog = graphql(`
  query DashboardCatalog($provider: String!, $location: String) {
    catalog(provider: $provider, location: $location) {
      locations { id name }
      images { id name os location }
      cpuTypes { id name cores memoryMb }
      diskSizesGb
      storages { id location type content availableGb }
      networks { id location description }
    }
  }
`)

/** Starts making a server; the operation is followed to its end. */
export const CreateServer = graphql(`
  mutation DashboardCreateServer($input: CreateServerInput!) {
    createServer(input: $input) { ...DashboardOperationFields }
  }
`)

/** A deployment's variables; a secret's value is always null. */
export const DeploymentVariables = graphql(`
  query DashboardDeploymentVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }
`)

export const SetDeploymentVariables = graphql(`
  mutation DashboardSetDeploymentVariables(
    $id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean
  ) {
    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {
      id status step variables { key value secret updatedAt }
    }
  }
`)

/** A deployment's releases, newest first. */
export const DeploymentReleases = graphql(`
  query DashboardDeploymentReleases($id: ID!) {
    deployment(id: $id) { id commitSha releases { number ref commitSha status error kept createdAt activatedAt } }
  }
`)

export const RedeployDeployment = graphql(`
  mutation DashboardRedeployDeployment($id: ID!, $ref: String) {
    redeployDeployment(id: $id, ref: $ref) { id status step }
  }
`)

export const RollbackDeployment = graphql(`
  mutation DashboardRollbackDeployment($id: ID!, $release: Int!) {
    rollbackDeployment(id: $id, release: $release) { id status step }
  }
`)
