/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A copy of a server; sizes left out are copied from it. */
export type CloneServerInput = {
  cpu?: number | null | undefined;
  /** Where the copy goes (a Proxmox node); the source's own when left out. */
  location?: string | null | undefined;
  memoryMb?: number | null | undefined;
  name: string;
  options?: unknown;
  powerOn?: boolean | null | undefined;
};

export type CreateDeploymentInput = {
  branch?: string | null | undefined;
  cpu?: number | null | undefined;
  disk?: number | null | undefined;
  /** A Framework.id. */
  framework: string;
  githubUrl: string;
  memory?: number | null | undefined;
  /** Default: "<framework>-<yyyymmdd>-<hhmmss>". */
  name?: string | null | undefined;
  /** Fetch over SSH with a deploy key made for this deployment (Deployment.deployKey: add it to the repository). */
  privateRepo?: boolean | null | undefined;
  /** Default: the first provider that can deploy this type. */
  provider?: string | null | undefined;
  type: DeploymentType;
  /** The app's environment; secrets are write-only. */
  variables?: Array<VariableInput> | null | undefined;
};

/** A new server, the same for every provider; `options` holds what only one provider understands. */
export type CreateServerInput = {
  /** Cores. */
  cpu: number;
  diskGb: number;
  /** An image id from `catalog`, or its name. */
  image: string;
  /** Left out: what the image makes (a Proxmox container template makes a container), else VM. */
  kind?: ServerKind | null | undefined;
  /** Kamatera datacenter, Proxmox node; the provider's default when left out. */
  location?: string | null | undefined;
  memoryMb: number;
  name: string;
  /** Provider options, e.g. Kamatera: {"cpuType": "B", "billing": "monthly", "trafficPackage": "t5000", "dailyBackup": true, "managed": false, "tags": ["web"]}. */
  options?: unknown;
  /** The root/administrator password; never logged or stored by Hangar. */
  password?: string | null | undefined;
  powerOn?: boolean | null | undefined;
  /** The provider instance, e.g. "kamatera". */
  provider: string;
  /** A public key to log in with. */
  sshKey?: string | null | undefined;
};

export type DeploymentStatus =
  | 'CREATING'
  | 'DELETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'STOPPED';

export type DeploymentType =
  | 'LXC'
  | 'VM';

export type LogStream =
  | 'DEPLOY'
  | 'PROVISION'
  | 'SYSTEM';

export type OperationStatus =
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED';

export type ReleaseStatus =
  | 'ACTIVE'
  | 'BUILDING'
  | 'FAILED'
  | 'SUPERSEDED';

/** Exactly one change per call, as Kamatera requires. */
export type ResizeServerInput = {
  /** Cores. */
  cpu?: number | null | undefined;
  /** The new total size of the main disk, GB; disks only grow (a size not above the current one is refused). */
  diskGb?: number | null | undefined;
  memoryMb?: number | null | undefined;
};

export type ServerKind =
  | 'CONTAINER'
  | 'VM';

export type ServerStatus =
  | 'PAUSED'
  | 'PROVISIONING'
  | 'RUNNING'
  | 'STOPPED'
  | 'UNKNOWN';

/** One variable of a deployment's app environment. A secret is write-only: no query, log or error shows its value again. */
export type VariableInput = {
  /** [A-Z_][A-Z0-9_]*; PORT is Hangar's. */
  key: string;
  secret?: boolean | null | undefined;
  /** Any characters but NUL (newlines and quotes reach the app unchanged); at most 32 KiB. */
  value: string;
};

export type DashboardMeQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMeQuery = { me: { name: string | null, role: string } };

export type DashboardServersQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  provider?: string | null | undefined;
  status?: ServerStatus | null | undefined;
  search?: string | null | undefined;
}>;


export type DashboardServersQuery = { servers: { totalCount: number, unavailableProviders: Array<string>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, provider: string, kind: ServerKind, status: ServerStatus, location: string | null, cpu: number | null, memoryMb: number | null, diskGb: number | null, ips: Array<string> }> } };

export type DashboardProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardProvidersQuery = { providers: Array<{ name: string, plugin: string, connected: boolean }> };

export type DashboardProviderHostsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardProviderHostsQuery = { providers: Array<{ resources: Array<{ provider: string, name: string, status: string, cpu: { cores: number | null, usage: number | null }, memory: { total: number | null, used: number | null }, vms: { total: number, running: number }, containers: { total: number, running: number } }> | null }> };

export type DashboardServerQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardServerQuery = { server: { id: string, name: string, provider: string, nativeId: string, kind: ServerKind, status: ServerStatus, location: string | null, cpu: number | null, memoryMb: number | null, diskGb: number | null, ips: Array<string>, details: unknown } | null };

export type DashboardStartedOperationFragment = { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null };

export type DashboardOperationFieldsFragment = { startedAt: string, finishedAt: string | null, logs: Array<string>, id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null };

export type DashboardOperationQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardOperationQuery = { operation: { startedAt: string, finishedAt: string | null, logs: Array<string>, id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } | null };

export type DashboardOperationUpdatesSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardOperationUpdatesSubscription = { operation: { startedAt: string, finishedAt: string | null, logs: Array<string>, id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardStartMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardStartMutation = { startServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardStopMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardStopMutation = { stopServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardDestroyMutationVariables = Exact<{
  id: string | number;
  confirm: string;
}>;


export type DashboardDestroyMutation = { destroyServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardDeploymentsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  status?: DeploymentStatus | null | undefined;
}>;


export type DashboardDeploymentsQuery = { deployments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, type: DeploymentType, framework: string, provider: string, status: DeploymentStatus, step: string | null, createdAt: string }> } };

export type DashboardDeploymentFieldsFragment = { id: string, name: string, type: DeploymentType, framework: string, githubUrl: string, branch: string | null, provider: string, status: DeploymentStatus, step: string | null, error: string | null, createdAt: string, deployedAt: string | null, privateRepo: boolean, deployKey: string | null, commitSha: string | null, host: { id: string | null, node: string | null, ip: string | null } | null, resources: { cpu: number, memory: number, disk: number } };

export type DashboardDeploymentQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentQuery = { deployment: { id: string, name: string, type: DeploymentType, framework: string, githubUrl: string, branch: string | null, provider: string, status: DeploymentStatus, step: string | null, error: string | null, createdAt: string, deployedAt: string | null, privateRepo: boolean, deployKey: string | null, commitSha: string | null, host: { id: string | null, node: string | null, ip: string | null } | null, resources: { cpu: number, memory: number, disk: number } } | null };

export type DashboardDeploymentStatusSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentStatusSubscription = { deploymentStatus: { id: string, name: string, type: DeploymentType, framework: string, githubUrl: string, branch: string | null, provider: string, status: DeploymentStatus, step: string | null, error: string | null, createdAt: string, deployedAt: string | null, privateRepo: boolean, deployKey: string | null, commitSha: string | null, host: { id: string | null, node: string | null, ip: string | null } | null, resources: { cpu: number, memory: number, disk: number } } };

export type DashboardDeploymentLogsSubscriptionVariables = Exact<{
  id: string | number;
  after?: number | null | undefined;
}>;


export type DashboardDeploymentLogsSubscription = { deploymentLogBatches: Array<{ seq: number, at: string, stream: LogStream, line: string }> };

export type DashboardFrameworksQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardFrameworksQuery = { frameworks: Array<{ id: string, name: string, version: string, stages: Array<string> }> };

export type DashboardDeployProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardDeployProvidersQuery = { providers: Array<{ name: string, plugin: string, connected: boolean, capabilities: Array<string> }> };

export type DashboardCreateDeploymentMutationVariables = Exact<{
  input: CreateDeploymentInput;
}>;


export type DashboardCreateDeploymentMutation = { createDeployment: { id: string, name: string, status: DeploymentStatus } };

export type DashboardRestartDeploymentMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRestartDeploymentMutation = { restartDeployment: { id: string, status: DeploymentStatus, step: string | null } };

export type DashboardCancelDeploymentMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardCancelDeploymentMutation = { cancelDeployment: { id: string, status: DeploymentStatus, error: string | null } };

export type DashboardDeleteDeploymentMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeleteDeploymentMutation = { deleteDeployment: { id: string, status: DeploymentStatus } };

export type DashboardProviderCapabilitiesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardProviderCapabilitiesQuery = { providers: Array<{ name: string, capabilities: Array<string> }> };

export type DashboardSnapshotsQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardSnapshotsQuery = { server: { id: string, snapshots: Array<{ name: string, description: string | null, createdAt: string | null, includesMemory: boolean, parent: string | null }> } | null };

export type DashboardServerOperationsQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardServerOperationsQuery = { server: { id: string, operations: Array<{ startedAt: string, finishedAt: string | null, logs: Array<string>, id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null }> } | null };

export type DashboardRebootMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRebootMutation = { rebootServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardResizeMutationVariables = Exact<{
  id: string | number;
  input: ResizeServerInput;
}>;


export type DashboardResizeMutation = { resizeServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardCloneMutationVariables = Exact<{
  id: string | number;
  input: CloneServerInput;
}>;


export type DashboardCloneMutation = { cloneServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardCreateSnapshotMutationVariables = Exact<{
  id: string | number;
  name: string;
  description?: string | null | undefined;
  includeMemory?: boolean | null | undefined;
}>;


export type DashboardCreateSnapshotMutation = { createSnapshot: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardRollbackSnapshotMutationVariables = Exact<{
  id: string | number;
  name: string;
  confirm: string;
}>;


export type DashboardRollbackSnapshotMutation = { rollbackSnapshot: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardDeleteSnapshotMutationVariables = Exact<{
  id: string | number;
  name: string;
}>;


export type DashboardDeleteSnapshotMutation = { deleteSnapshot: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardCloneLocationsQueryVariables = Exact<{
  provider: string;
}>;


export type DashboardCloneLocationsQuery = { catalog: { locations: Array<{ id: string, name: string }> } };

export type DashboardCreateProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardCreateProvidersQuery = { providers: Array<{ name: string, plugin: string, capabilities: Array<string>, connected: boolean }> };

export type DashboardCatalogQueryVariables = Exact<{
  provider: string;
  location?: string | null | undefined;
}>;


export type DashboardCatalogQuery = { catalog: { diskSizesGb: Array<number>, locations: Array<{ id: string, name: string }>, images: Array<{ id: string, name: string, os: string | null, location: string }>, cpuTypes: Array<{ id: string, name: string, cores: Array<number>, memoryMb: Array<number> }>, storages: Array<{ id: string, location: string, type: string, content: Array<string>, availableGb: number | null }>, networks: Array<{ id: string, location: string, description: string | null }> } };

export type DashboardCreateServerMutationVariables = Exact<{
  input: CreateServerInput;
}>;


export type DashboardCreateServerMutation = { createServer: { startedAt: string, finishedAt: string | null, logs: Array<string>, id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

export type DashboardDeploymentVariablesQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentVariablesQuery = { deployment: { id: string, variables: Array<{ key: string, value: string | null, secret: boolean, updatedAt: string }> } | null };

export type DashboardSetDeploymentVariablesMutationVariables = Exact<{
  id: string | number;
  variables?: Array<VariableInput> | VariableInput | null | undefined;
  unset?: Array<string> | string | null | undefined;
  redeploy?: boolean | null | undefined;
}>;


export type DashboardSetDeploymentVariablesMutation = { setDeploymentVariables: { id: string, status: DeploymentStatus, step: string | null, variables: Array<{ key: string, value: string | null, secret: boolean, updatedAt: string }> } };

export type DashboardDeploymentReleasesQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentReleasesQuery = { deployment: { id: string, commitSha: string | null, releases: Array<{ number: number, ref: string | null, commitSha: string | null, status: ReleaseStatus, error: string | null, kept: boolean, createdAt: string, activatedAt: string | null }> } | null };

export type DashboardRedeployDeploymentMutationVariables = Exact<{
  id: string | number;
  ref?: string | null | undefined;
}>;


export type DashboardRedeployDeploymentMutation = { redeployDeployment: { id: string, status: DeploymentStatus, step: string | null } };

export type DashboardRollbackDeploymentMutationVariables = Exact<{
  id: string | number;
  release: number;
}>;


export type DashboardRollbackDeploymentMutation = { rollbackDeployment: { id: string, status: DeploymentStatus, step: string | null } };

export type DashboardActivityQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  actor?: string | null | undefined;
  action?: string | null | undefined;
}>;


export type DashboardActivityQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, at: string, actor: string, role: string | null, source: string, action: string, target: string | null, outcome: string, detail: string | null, operationId: string | null }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DashboardStartedOperationFragmentDoc = new TypedDocumentString(`
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}
    `, {"fragmentName":"DashboardStartedOperation"}) as unknown as TypedDocumentString<DashboardStartedOperationFragment, unknown>;
export const DashboardOperationFieldsFragmentDoc = new TypedDocumentString(`
    fragment DashboardOperationFields on Operation {
  ...DashboardStartedOperation
  startedAt
  finishedAt
  logs
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`, {"fragmentName":"DashboardOperationFields"}) as unknown as TypedDocumentString<DashboardOperationFieldsFragment, unknown>;
export const DashboardDeploymentFieldsFragmentDoc = new TypedDocumentString(`
    fragment DashboardDeploymentFields on Deployment {
  id
  name
  type
  framework
  githubUrl
  branch
  provider
  status
  step
  error
  createdAt
  deployedAt
  host {
    id
    node
    ip
  }
  resources {
    cpu
    memory
    disk
  }
  privateRepo
  deployKey
  commitSha
}
    `, {"fragmentName":"DashboardDeploymentFields"}) as unknown as TypedDocumentString<DashboardDeploymentFieldsFragment, unknown>;
export const DashboardMeDocument = new TypedDocumentString(`
    query DashboardMe {
  me {
    name
    role
  }
}
    `) as unknown as TypedDocumentString<DashboardMeQuery, DashboardMeQueryVariables>;
export const DashboardServersDocument = new TypedDocumentString(`
    query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {
  servers(
    first: $first
    after: $after
    provider: $provider
    status: $status
    search: $search
  ) {
    totalCount
    unavailableProviders
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      provider
      kind
      status
      location
      cpu
      memoryMb
      diskGb
      ips
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardServersQuery, DashboardServersQueryVariables>;
export const DashboardProvidersDocument = new TypedDocumentString(`
    query DashboardProviders {
  providers {
    name
    plugin
    connected
  }
}
    `) as unknown as TypedDocumentString<DashboardProvidersQuery, DashboardProvidersQueryVariables>;
export const DashboardProviderHostsDocument = new TypedDocumentString(`
    query DashboardProviderHosts {
  providers {
    resources {
      provider
      name
      status
      cpu {
        cores
        usage
      }
      memory {
        total
        used
      }
      vms {
        total
        running
      }
      containers {
        total
        running
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardProviderHostsQuery, DashboardProviderHostsQueryVariables>;
export const DashboardServerDocument = new TypedDocumentString(`
    query DashboardServer($id: ID!) {
  server(id: $id) {
    id
    name
    provider
    nativeId
    kind
    status
    location
    cpu
    memoryMb
    diskGb
    ips
    details
  }
}
    `) as unknown as TypedDocumentString<DashboardServerQuery, DashboardServerQueryVariables>;
export const DashboardOperationDocument = new TypedDocumentString(`
    query DashboardOperation($id: ID!) {
  operation(id: $id) {
    ...DashboardOperationFields
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}
fragment DashboardOperationFields on Operation {
  ...DashboardStartedOperation
  startedAt
  finishedAt
  logs
}`) as unknown as TypedDocumentString<DashboardOperationQuery, DashboardOperationQueryVariables>;
export const DashboardOperationUpdatesDocument = new TypedDocumentString(`
    subscription DashboardOperationUpdates($id: ID!) {
  operation(id: $id) {
    ...DashboardOperationFields
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}
fragment DashboardOperationFields on Operation {
  ...DashboardStartedOperation
  startedAt
  finishedAt
  logs
}`) as unknown as TypedDocumentString<DashboardOperationUpdatesSubscription, DashboardOperationUpdatesSubscriptionVariables>;
export const DashboardStartDocument = new TypedDocumentString(`
    mutation DashboardStart($id: ID!) {
  startServer(id: $id) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardStartMutation, DashboardStartMutationVariables>;
export const DashboardStopDocument = new TypedDocumentString(`
    mutation DashboardStop($id: ID!) {
  stopServer(id: $id) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardStopMutation, DashboardStopMutationVariables>;
export const DashboardDestroyDocument = new TypedDocumentString(`
    mutation DashboardDestroy($id: ID!, $confirm: String!) {
  destroyServer(id: $id, confirm: $confirm) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardDestroyMutation, DashboardDestroyMutationVariables>;
export const DashboardDeploymentsDocument = new TypedDocumentString(`
    query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {
  deployments(first: $first, after: $after, status: $status) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      type
      framework
      provider
      status
      step
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentsQuery, DashboardDeploymentsQueryVariables>;
export const DashboardDeploymentDocument = new TypedDocumentString(`
    query DashboardDeployment($id: ID!) {
  deployment(id: $id) {
    ...DashboardDeploymentFields
  }
}
    fragment DashboardDeploymentFields on Deployment {
  id
  name
  type
  framework
  githubUrl
  branch
  provider
  status
  step
  error
  createdAt
  deployedAt
  host {
    id
    node
    ip
  }
  resources {
    cpu
    memory
    disk
  }
  privateRepo
  deployKey
  commitSha
}`) as unknown as TypedDocumentString<DashboardDeploymentQuery, DashboardDeploymentQueryVariables>;
export const DashboardDeploymentStatusDocument = new TypedDocumentString(`
    subscription DashboardDeploymentStatus($id: ID!) {
  deploymentStatus(id: $id) {
    ...DashboardDeploymentFields
  }
}
    fragment DashboardDeploymentFields on Deployment {
  id
  name
  type
  framework
  githubUrl
  branch
  provider
  status
  step
  error
  createdAt
  deployedAt
  host {
    id
    node
    ip
  }
  resources {
    cpu
    memory
    disk
  }
  privateRepo
  deployKey
  commitSha
}`) as unknown as TypedDocumentString<DashboardDeploymentStatusSubscription, DashboardDeploymentStatusSubscriptionVariables>;
export const DashboardDeploymentLogsDocument = new TypedDocumentString(`
    subscription DashboardDeploymentLogs($id: ID!, $after: Int) {
  deploymentLogBatches(id: $id, after: $after) {
    seq
    at
    stream
    line
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentLogsSubscription, DashboardDeploymentLogsSubscriptionVariables>;
export const DashboardFrameworksDocument = new TypedDocumentString(`
    query DashboardFrameworks {
  frameworks {
    id
    name
    version
    stages
  }
}
    `) as unknown as TypedDocumentString<DashboardFrameworksQuery, DashboardFrameworksQueryVariables>;
export const DashboardDeployProvidersDocument = new TypedDocumentString(`
    query DashboardDeployProviders {
  providers {
    name
    plugin
    connected
    capabilities
  }
}
    `) as unknown as TypedDocumentString<DashboardDeployProvidersQuery, DashboardDeployProvidersQueryVariables>;
export const DashboardCreateDeploymentDocument = new TypedDocumentString(`
    mutation DashboardCreateDeployment($input: CreateDeploymentInput!) {
  createDeployment(input: $input) {
    id
    name
    status
  }
}
    `) as unknown as TypedDocumentString<DashboardCreateDeploymentMutation, DashboardCreateDeploymentMutationVariables>;
export const DashboardRestartDeploymentDocument = new TypedDocumentString(`
    mutation DashboardRestartDeployment($id: ID!) {
  restartDeployment(id: $id) {
    id
    status
    step
  }
}
    `) as unknown as TypedDocumentString<DashboardRestartDeploymentMutation, DashboardRestartDeploymentMutationVariables>;
export const DashboardCancelDeploymentDocument = new TypedDocumentString(`
    mutation DashboardCancelDeployment($id: ID!) {
  cancelDeployment(id: $id) {
    id
    status
    error
  }
}
    `) as unknown as TypedDocumentString<DashboardCancelDeploymentMutation, DashboardCancelDeploymentMutationVariables>;
export const DashboardDeleteDeploymentDocument = new TypedDocumentString(`
    mutation DashboardDeleteDeployment($id: ID!) {
  deleteDeployment(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DashboardDeleteDeploymentMutation, DashboardDeleteDeploymentMutationVariables>;
export const DashboardProviderCapabilitiesDocument = new TypedDocumentString(`
    query DashboardProviderCapabilities {
  providers {
    name
    capabilities
  }
}
    `) as unknown as TypedDocumentString<DashboardProviderCapabilitiesQuery, DashboardProviderCapabilitiesQueryVariables>;
export const DashboardSnapshotsDocument = new TypedDocumentString(`
    query DashboardSnapshots($id: ID!) {
  server(id: $id) {
    id
    snapshots {
      name
      description
      createdAt
      includesMemory
      parent
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSnapshotsQuery, DashboardSnapshotsQueryVariables>;
export const DashboardServerOperationsDocument = new TypedDocumentString(`
    query DashboardServerOperations($id: ID!) {
  server(id: $id) {
    id
    operations(first: 20) {
      ...DashboardOperationFields
    }
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}
fragment DashboardOperationFields on Operation {
  ...DashboardStartedOperation
  startedAt
  finishedAt
  logs
}`) as unknown as TypedDocumentString<DashboardServerOperationsQuery, DashboardServerOperationsQueryVariables>;
export const DashboardRebootDocument = new TypedDocumentString(`
    mutation DashboardReboot($id: ID!) {
  rebootServer(id: $id) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardRebootMutation, DashboardRebootMutationVariables>;
export const DashboardResizeDocument = new TypedDocumentString(`
    mutation DashboardResize($id: ID!, $input: ResizeServerInput!) {
  resizeServer(id: $id, input: $input) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardResizeMutation, DashboardResizeMutationVariables>;
export const DashboardCloneDocument = new TypedDocumentString(`
    mutation DashboardClone($id: ID!, $input: CloneServerInput!) {
  cloneServer(id: $id, input: $input) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardCloneMutation, DashboardCloneMutationVariables>;
export const DashboardCreateSnapshotDocument = new TypedDocumentString(`
    mutation DashboardCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {
  createSnapshot(
    id: $id
    name: $name
    description: $description
    includeMemory: $includeMemory
  ) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardCreateSnapshotMutation, DashboardCreateSnapshotMutationVariables>;
export const DashboardRollbackSnapshotDocument = new TypedDocumentString(`
    mutation DashboardRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {
  rollbackSnapshot(id: $id, name: $name, confirm: $confirm) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardRollbackSnapshotMutation, DashboardRollbackSnapshotMutationVariables>;
export const DashboardDeleteSnapshotDocument = new TypedDocumentString(`
    mutation DashboardDeleteSnapshot($id: ID!, $name: String!) {
  deleteSnapshot(id: $id, name: $name) {
    ...DashboardStartedOperation
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}`) as unknown as TypedDocumentString<DashboardDeleteSnapshotMutation, DashboardDeleteSnapshotMutationVariables>;
export const DashboardCloneLocationsDocument = new TypedDocumentString(`
    query DashboardCloneLocations($provider: String!) {
  catalog(provider: $provider) {
    locations {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardCloneLocationsQuery, DashboardCloneLocationsQueryVariables>;
export const DashboardCreateProvidersDocument = new TypedDocumentString(`
    query DashboardCreateProviders {
  providers {
    name
    plugin
    capabilities
    connected
  }
}
    `) as unknown as TypedDocumentString<DashboardCreateProvidersQuery, DashboardCreateProvidersQueryVariables>;
export const DashboardCatalogDocument = new TypedDocumentString(`
    query DashboardCatalog($provider: String!, $location: String) {
  catalog(provider: $provider, location: $location) {
    locations {
      id
      name
    }
    images {
      id
      name
      os
      location
    }
    cpuTypes {
      id
      name
      cores
      memoryMb
    }
    diskSizesGb
    storages {
      id
      location
      type
      content
      availableGb
    }
    networks {
      id
      location
      description
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardCatalogQuery, DashboardCatalogQueryVariables>;
export const DashboardCreateServerDocument = new TypedDocumentString(`
    mutation DashboardCreateServer($input: CreateServerInput!) {
  createServer(input: $input) {
    ...DashboardOperationFields
  }
}
    fragment DashboardStartedOperation on Operation {
  id
  action
  status
  error
  serverId
}
fragment DashboardOperationFields on Operation {
  ...DashboardStartedOperation
  startedAt
  finishedAt
  logs
}`) as unknown as TypedDocumentString<DashboardCreateServerMutation, DashboardCreateServerMutationVariables>;
export const DashboardDeploymentVariablesDocument = new TypedDocumentString(`
    query DashboardDeploymentVariables($id: ID!) {
  deployment(id: $id) {
    id
    variables {
      key
      value
      secret
      updatedAt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentVariablesQuery, DashboardDeploymentVariablesQueryVariables>;
export const DashboardSetDeploymentVariablesDocument = new TypedDocumentString(`
    mutation DashboardSetDeploymentVariables($id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean) {
  setDeploymentVariables(
    id: $id
    variables: $variables
    unset: $unset
    redeploy: $redeploy
  ) {
    id
    status
    step
    variables {
      key
      value
      secret
      updatedAt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSetDeploymentVariablesMutation, DashboardSetDeploymentVariablesMutationVariables>;
export const DashboardDeploymentReleasesDocument = new TypedDocumentString(`
    query DashboardDeploymentReleases($id: ID!) {
  deployment(id: $id) {
    id
    commitSha
    releases {
      number
      ref
      commitSha
      status
      error
      kept
      createdAt
      activatedAt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentReleasesQuery, DashboardDeploymentReleasesQueryVariables>;
export const DashboardRedeployDeploymentDocument = new TypedDocumentString(`
    mutation DashboardRedeployDeployment($id: ID!, $ref: String) {
  redeployDeployment(id: $id, ref: $ref) {
    id
    status
    step
  }
}
    `) as unknown as TypedDocumentString<DashboardRedeployDeploymentMutation, DashboardRedeployDeploymentMutationVariables>;
export const DashboardRollbackDeploymentDocument = new TypedDocumentString(`
    mutation DashboardRollbackDeployment($id: ID!, $release: Int!) {
  rollbackDeployment(id: $id, release: $release) {
    id
    status
    step
  }
}
    `) as unknown as TypedDocumentString<DashboardRollbackDeploymentMutation, DashboardRollbackDeploymentMutationVariables>;
export const DashboardActivityDocument = new TypedDocumentString(`
    query DashboardActivity($first: Int!, $after: String, $actor: String, $action: String) {
  auditLog(first: $first, after: $after, actor: $actor, action: $action) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      at
      actor
      role
      source
      action
      target
      outcome
      detail
      operationId
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardActivityQuery, DashboardActivityQueryVariables>;