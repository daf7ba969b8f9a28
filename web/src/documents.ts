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

/** Compute hosts with their use, for the resource bars. */
export const NodeResources = graphql(`
  query DashboardResources {
    resources { provider name status cpu { cores usage } memory { total used } vms { total running } containers { total running } }
  }
`)

/** One server with every property its provider reports. */
export const ServerProperties = graphql(`
  query DashboardServer($id: ID!) {
    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }
  }
`)

/** The fields of an operation the page follows. */
export const OperationState = graphql(`
  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId } }
`)

/** The same fields, pushed over the WebSocket as they change. */
export const OperationUpdates = graphql(`
  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId } }
`)

export const StartServer = graphql(`
  mutation DashboardStart($id: ID!) { startServer(id: $id) { id action status error serverId } }
`)

export const StopServer = graphql(`
  mutation DashboardStop($id: ID!) { stopServer(id: $id) { id action status error serverId } }
`)

export const DestroyServer = graphql(`
  mutation DashboardDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status error serverId } }
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

/** One deployment, as its page shows it. */
export const DeploymentProperties = graphql(`
  query DashboardDeployment($id: ID!) {
    deployment(id: $id) {
      id name type framework githubUrl branch provider status step error createdAt deployedAt
      host { id node ip }
      resources { cpu memory disk }
    }
  }
`)

/** The same fields, pushed over the WebSocket as they change (the current state first). */
export const DeploymentStatusUpdates = graphql(`
  subscription DashboardDeploymentStatus($id: ID!) {
    deploymentStatus(id: $id) {
      id name type framework githubUrl branch provider status step error createdAt deployedAt
      host { id node ip }
      resources { cpu memory disk }
    }
  }
`)

/** A deployment's log lines with seq > after: the stored ones, then new ones as they are written. */
export const DeploymentLogLines = graphql(`
  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {
    deploymentLogs(id: $id, after: $after) { seq at stream line }
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
  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name status } }
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
