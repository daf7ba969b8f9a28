/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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


export type DashboardOperationQuery = { operation: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null, logs: Array<string> } | null };

export type DashboardOperationUpdatesSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type DashboardOperationUpdatesSubscription = { operation: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null, logs: Array<string> } };

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

export type DashboardDeploymentsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardDeploymentsQuery = { deployments: { totalCount: number, nodes: Array<{ id: string, name: string, framework: string, provider: string, status: DeploymentStatus, step: string | null, createdAt: string }> } };

export type DashboardDeploymentQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardDeploymentQuery = { deployment: { id: string, name: string, type: DeploymentType, framework: string, githubUrl: string, branch: string | null, provider: string, status: DeploymentStatus, step: string | null, error: string | null, createdAt: string, deployedAt: string | null, host: { id: string | null, node: string | null, ip: string | null } | null } | null };

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


export type DashboardCreateServerMutation = { createServer: { id: string, action: string, status: OperationStatus, error: string | null, serverId: string | null, logs: Array<string> } };

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
    logs
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
    logs
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
    query DashboardDeployments {
  deployments(first: 50) {
    totalCount
    nodes {
      id
      name
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
  }
}
    `) as unknown as TypedDocumentString<DashboardDeploymentQuery, DashboardDeploymentQueryVariables>;
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
    id
    action
    status
    error
    serverId
    logs
  }
}
    `) as unknown as TypedDocumentString<DashboardCreateServerMutation, DashboardCreateServerMutationVariables>;