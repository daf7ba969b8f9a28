/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription DeploymentStatusWatch($id: ID!) {\n    deploymentStatus(id: $id) { id status step error deployedAt host { id node ip } }\n  }\n": typeof types.DeploymentStatusWatchDocument,
    "\n  subscription DeploymentLogsWatch($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq stream line }\n  }\n": typeof types.DeploymentLogsWatchDocument,
    "\n  subscription LogBatchesWatch($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq stream line }\n  }\n": typeof types.LogBatchesWatchDocument,
    "\n  query ServersPageEnds($first: Int, $after: String) {\n    servers(first: $first, after: $after) {\n      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }\n      edges { cursor }\n    }\n  }\n": typeof types.ServersPageEndsDocument,
    "\n  query ServersPage($first: Int, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id } }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": typeof types.ServersPageDocument,
    "\n  query ServerDetails($id: ID!) {\n    server(id: $id) { id name kind status location cpu memoryMb diskGb ips details }\n  }\n": typeof types.ServerDetailsDocument,
    "\n  query ServerOperations($id: ID!, $first: Int) {\n    server(id: $id) { operations(first: $first) { id action status serverId logs } }\n  }\n": typeof types.ServerOperationsDocument,
    "\n  query Providers { providers { name plugin connected error capabilities } }\n": typeof types.ProvidersDocument,
    "\n  query Resources($provider: String) {\n    resources(provider: $provider) {\n      provider name status\n      cpu { cores usage }\n      memory { total used free }\n      vms { total running }\n      containers { total running }\n    }\n  }\n": typeof types.ResourcesDocument,
    "\n  mutation StartServer($id: ID!, $wait: Boolean) {\n    startServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n": typeof types.StartServerDocument,
    "\n  mutation StopServer($id: ID!, $wait: Boolean) {\n    stopServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n": typeof types.StopServerDocument,
    "\n  mutation RebootServer($id: ID!, $wait: Boolean) {\n    rebootServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n": typeof types.RebootServerDocument,
    "\n  mutation DestroyServer($id: ID!, $confirm: String!, $wait: Boolean) {\n    destroyServer(id: $id, confirm: $confirm, wait: $wait) { id action status serverId finishedAt error logs }\n  }\n": typeof types.DestroyServerDocument,
    "\n  query OperationById($id: ID!) {\n    operation(id: $id) { id provider action status serverId startedAt finishedAt error logs }\n  }\n": typeof types.OperationByIdDocument,
    "\n  subscription WatchOperation($id: ID!) {\n    operation(id: $id) { id status logs error }\n  }\n": typeof types.WatchOperationDocument,
    "\n  query Snapshots($id: ID!) {\n    server(id: $id) { id status snapshots { name description createdAt parent includesMemory } }\n  }\n": typeof types.SnapshotsDocument,
    "\n  mutation CreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean, $wait: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory, wait: $wait) {\n      id action status serverId error logs\n    }\n  }\n": typeof types.CreateSnapshotDocument,
    "\n  mutation RollbackSnapshot($id: ID!, $name: String!, $confirm: String!, $wait: Boolean) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm, wait: $wait) { id action status error logs }\n  }\n": typeof types.RollbackSnapshotDocument,
    "\n  mutation DeleteSnapshot($id: ID!, $name: String!, $wait: Boolean) {\n    deleteSnapshot(id: $id, name: $name, wait: $wait) { id action status error logs }\n  }\n": typeof types.DeleteSnapshotDocument,
};
const documents: Documents = {
    "\n  subscription DeploymentStatusWatch($id: ID!) {\n    deploymentStatus(id: $id) { id status step error deployedAt host { id node ip } }\n  }\n": types.DeploymentStatusWatchDocument,
    "\n  subscription DeploymentLogsWatch($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq stream line }\n  }\n": types.DeploymentLogsWatchDocument,
    "\n  subscription LogBatchesWatch($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq stream line }\n  }\n": types.LogBatchesWatchDocument,
    "\n  query ServersPageEnds($first: Int, $after: String) {\n    servers(first: $first, after: $after) {\n      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }\n      edges { cursor }\n    }\n  }\n": types.ServersPageEndsDocument,
    "\n  query ServersPage($first: Int, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id } }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": types.ServersPageDocument,
    "\n  query ServerDetails($id: ID!) {\n    server(id: $id) { id name kind status location cpu memoryMb diskGb ips details }\n  }\n": types.ServerDetailsDocument,
    "\n  query ServerOperations($id: ID!, $first: Int) {\n    server(id: $id) { operations(first: $first) { id action status serverId logs } }\n  }\n": types.ServerOperationsDocument,
    "\n  query Providers { providers { name plugin connected error capabilities } }\n": types.ProvidersDocument,
    "\n  query Resources($provider: String) {\n    resources(provider: $provider) {\n      provider name status\n      cpu { cores usage }\n      memory { total used free }\n      vms { total running }\n      containers { total running }\n    }\n  }\n": types.ResourcesDocument,
    "\n  mutation StartServer($id: ID!, $wait: Boolean) {\n    startServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n": types.StartServerDocument,
    "\n  mutation StopServer($id: ID!, $wait: Boolean) {\n    stopServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n": types.StopServerDocument,
    "\n  mutation RebootServer($id: ID!, $wait: Boolean) {\n    rebootServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n": types.RebootServerDocument,
    "\n  mutation DestroyServer($id: ID!, $confirm: String!, $wait: Boolean) {\n    destroyServer(id: $id, confirm: $confirm, wait: $wait) { id action status serverId finishedAt error logs }\n  }\n": types.DestroyServerDocument,
    "\n  query OperationById($id: ID!) {\n    operation(id: $id) { id provider action status serverId startedAt finishedAt error logs }\n  }\n": types.OperationByIdDocument,
    "\n  subscription WatchOperation($id: ID!) {\n    operation(id: $id) { id status logs error }\n  }\n": types.WatchOperationDocument,
    "\n  query Snapshots($id: ID!) {\n    server(id: $id) { id status snapshots { name description createdAt parent includesMemory } }\n  }\n": types.SnapshotsDocument,
    "\n  mutation CreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean, $wait: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory, wait: $wait) {\n      id action status serverId error logs\n    }\n  }\n": types.CreateSnapshotDocument,
    "\n  mutation RollbackSnapshot($id: ID!, $name: String!, $confirm: String!, $wait: Boolean) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm, wait: $wait) { id action status error logs }\n  }\n": types.RollbackSnapshotDocument,
    "\n  mutation DeleteSnapshot($id: ID!, $name: String!, $wait: Boolean) {\n    deleteSnapshot(id: $id, name: $name, wait: $wait) { id action status error logs }\n  }\n": types.DeleteSnapshotDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeploymentStatusWatch($id: ID!) {\n    deploymentStatus(id: $id) { id status step error deployedAt host { id node ip } }\n  }\n"): (typeof documents)["\n  subscription DeploymentStatusWatch($id: ID!) {\n    deploymentStatus(id: $id) { id status step error deployedAt host { id node ip } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeploymentLogsWatch($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq stream line }\n  }\n"): (typeof documents)["\n  subscription DeploymentLogsWatch($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq stream line }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LogBatchesWatch($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq stream line }\n  }\n"): (typeof documents)["\n  subscription LogBatchesWatch($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq stream line }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServersPageEnds($first: Int, $after: String) {\n    servers(first: $first, after: $after) {\n      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }\n      edges { cursor }\n    }\n  }\n"): (typeof documents)["\n  query ServersPageEnds($first: Int, $after: String) {\n    servers(first: $first, after: $after) {\n      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }\n      edges { cursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServersPage($first: Int, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id } }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n"): (typeof documents)["\n  query ServersPage($first: Int, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id } }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerDetails($id: ID!) {\n    server(id: $id) { id name kind status location cpu memoryMb diskGb ips details }\n  }\n"): (typeof documents)["\n  query ServerDetails($id: ID!) {\n    server(id: $id) { id name kind status location cpu memoryMb diskGb ips details }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerOperations($id: ID!, $first: Int) {\n    server(id: $id) { operations(first: $first) { id action status serverId logs } }\n  }\n"): (typeof documents)["\n  query ServerOperations($id: ID!, $first: Int) {\n    server(id: $id) { operations(first: $first) { id action status serverId logs } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Providers { providers { name plugin connected error capabilities } }\n"): (typeof documents)["\n  query Providers { providers { name plugin connected error capabilities } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Resources($provider: String) {\n    resources(provider: $provider) {\n      provider name status\n      cpu { cores usage }\n      memory { total used free }\n      vms { total running }\n      containers { total running }\n    }\n  }\n"): (typeof documents)["\n  query Resources($provider: String) {\n    resources(provider: $provider) {\n      provider name status\n      cpu { cores usage }\n      memory { total used free }\n      vms { total running }\n      containers { total running }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartServer($id: ID!, $wait: Boolean) {\n    startServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n"): (typeof documents)["\n  mutation StartServer($id: ID!, $wait: Boolean) {\n    startServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StopServer($id: ID!, $wait: Boolean) {\n    stopServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n"): (typeof documents)["\n  mutation StopServer($id: ID!, $wait: Boolean) {\n    stopServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RebootServer($id: ID!, $wait: Boolean) {\n    rebootServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n"): (typeof documents)["\n  mutation RebootServer($id: ID!, $wait: Boolean) {\n    rebootServer(id: $id, wait: $wait) {\n      id provider action status serverId startedAt finishedAt error logs server { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DestroyServer($id: ID!, $confirm: String!, $wait: Boolean) {\n    destroyServer(id: $id, confirm: $confirm, wait: $wait) { id action status serverId finishedAt error logs }\n  }\n"): (typeof documents)["\n  mutation DestroyServer($id: ID!, $confirm: String!, $wait: Boolean) {\n    destroyServer(id: $id, confirm: $confirm, wait: $wait) { id action status serverId finishedAt error logs }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OperationById($id: ID!) {\n    operation(id: $id) { id provider action status serverId startedAt finishedAt error logs }\n  }\n"): (typeof documents)["\n  query OperationById($id: ID!) {\n    operation(id: $id) { id provider action status serverId startedAt finishedAt error logs }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchOperation($id: ID!) {\n    operation(id: $id) { id status logs error }\n  }\n"): (typeof documents)["\n  subscription WatchOperation($id: ID!) {\n    operation(id: $id) { id status logs error }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Snapshots($id: ID!) {\n    server(id: $id) { id status snapshots { name description createdAt parent includesMemory } }\n  }\n"): (typeof documents)["\n  query Snapshots($id: ID!) {\n    server(id: $id) { id status snapshots { name description createdAt parent includesMemory } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean, $wait: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory, wait: $wait) {\n      id action status serverId error logs\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean, $wait: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory, wait: $wait) {\n      id action status serverId error logs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackSnapshot($id: ID!, $name: String!, $confirm: String!, $wait: Boolean) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm, wait: $wait) { id action status error logs }\n  }\n"): (typeof documents)["\n  mutation RollbackSnapshot($id: ID!, $name: String!, $confirm: String!, $wait: Boolean) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm, wait: $wait) { id action status error logs }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSnapshot($id: ID!, $name: String!, $wait: Boolean) {\n    deleteSnapshot(id: $id, name: $name, wait: $wait) { id action status error logs }\n  }\n"): (typeof documents)["\n  mutation DeleteSnapshot($id: ID!, $name: String!, $wait: Boolean) {\n    deleteSnapshot(id: $id, name: $name, wait: $wait) { id action status error logs }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;