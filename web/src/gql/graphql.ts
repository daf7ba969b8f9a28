/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
  /** Default: the first provider that can deploy this type. */
  provider?: string | null | undefined;
  type: DeploymentType;
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

export type ServerKind =
  | 'CONTAINER'
  | 'VM';

export type ServerStatus =
  | 'PAUSED'
  | 'PROVISIONING'
  | 'RUNNING'
  | 'STOPPED'
  | 'UNKNOWN';

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

export type DashboardResourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardResourcesQuery = { resources: Array<{ provider: string, name: string, status: string, cpu: { cores: number | null, usage: number | null }, memory: { total: number | null, used: number | null }, vms: { total: number, running: number }, containers: { total: number, running: number } }> };

export type DashboardServerQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardServerQuery = { server: { id: string, name: string, provider: string, nativeId: string, kind: ServerKind, status: ServerStatus, location: string | null, cpu: number | null, memoryMb: number | null, diskGb: number | null, ips: Array<string>, details: unknown } | null };

export type DashboardOperationQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardOperationQuery = { operation: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } | null };

export type DashboardOperationUpdatesSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardOperationUpdatesSubscription = { operation: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null } };

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

export type DashboardDeploymentQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentQuery = { deployment: { id: string, name: string, type: DeploymentType, framework: string, githubUrl: string, branch: string | null, provider: string, status: DeploymentStatus, step: string | null, error: string | null, createdAt: string, deployedAt: string | null, host: { id: string | null, node: string | null, ip: string | null } | null, resources: { cpu: number, memory: number, disk: number } } | null };

export type DashboardDeploymentStatusSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentStatusSubscription = { deploymentStatus: { id: string, name: string, type: DeploymentType, framework: string, githubUrl: string, branch: string | null, provider: string, status: DeploymentStatus, step: string | null, error: string | null, createdAt: string, deployedAt: string | null, host: { id: string | null, node: string | null, ip: string | null } | null, resources: { cpu: number, memory: number, disk: number } } };

export type DashboardDeploymentLogsSubscriptionVariables = Exact<{
  id: string | number;
  after?: number | null | undefined;
}>;


export type DashboardDeploymentLogsSubscription = { deploymentLogs: { seq: number, at: string, stream: LogStream, line: string } };

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
export const DashboardResourcesDocument = new TypedDocumentString(`
    query DashboardResources {
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
    `) as unknown as TypedDocumentString<DashboardResourcesQuery, DashboardResourcesQueryVariables>;
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
    id
    action
    status
    error
    serverId
  }
}
    `) as unknown as TypedDocumentString<DashboardOperationQuery, DashboardOperationQueryVariables>;
export const DashboardOperationUpdatesDocument = new TypedDocumentString(`
    subscription DashboardOperationUpdates($id: ID!) {
  operation(id: $id) {
    id
    action
    status
    error
    serverId
  }
}
    `) as unknown as TypedDocumentString<DashboardOperationUpdatesSubscription, DashboardOperationUpdatesSubscriptionVariables>;
export const DashboardStartDocument = new TypedDocumentString(`
    mutation DashboardStart($id: ID!) {
  startServer(id: $id) {
    id
    action
    status
    error
    serverId
  }
}
    `) as unknown as TypedDocumentString<DashboardStartMutation, DashboardStartMutationVariables>;
export const DashboardStopDocument = new TypedDocumentString(`
    mutation DashboardStop($id: ID!) {
  stopServer(id: $id) {
    id
    action
    status
    error
    serverId
  }
}
    `) as unknown as TypedDocumentString<DashboardStopMutation, DashboardStopMutationVariables>;
export const DashboardDestroyDocument = new TypedDocumentString(`
    mutation DashboardDestroy($id: ID!, $confirm: String!) {
  destroyServer(id: $id, confirm: $confirm) {
    id
    action
    status
    error
    serverId
  }
}
    `) as unknown as TypedDocumentString<DashboardDestroyMutation, DashboardDestroyMutationVariables>;
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
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentQuery, DashboardDeploymentQueryVariables>;
export const DashboardDeploymentStatusDocument = new TypedDocumentString(`
    subscription DashboardDeploymentStatus($id: ID!) {
  deploymentStatus(id: $id) {
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
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentStatusSubscription, DashboardDeploymentStatusSubscriptionVariables>;
export const DashboardDeploymentLogsDocument = new TypedDocumentString(`
    subscription DashboardDeploymentLogs($id: ID!, $after: Int) {
  deploymentLogs(id: $id, after: $after) {
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