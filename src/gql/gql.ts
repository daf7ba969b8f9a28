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
    "\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n": typeof types.RestCreateDeploymentDocument,
    "\n  query RestListDeployments($after: String) { deployments(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } } }\n": typeof types.RestListDeploymentsDocument,
    "\n  query RestGetDeployment($id: ID!) { deployment(id: $id) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n": typeof types.RestGetDeploymentDocument,
    "\n  query RestDeploymentLogs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } } }\n": typeof types.RestDeploymentLogsDocument,
    "\n  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": typeof types.RestDeleteDeploymentDocument,
    "\n  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }\n": typeof types.RestRestartDeploymentDocument,
    "\n  query RestStatus { systemStatus { status providers { name plugin connected } deployments { total running failed pending } } }\n": typeof types.RestStatusDocument,
    "\n  query RestFrameworks { frameworks { id name version language } }\n": typeof types.RestFrameworksDocument,
    "\n  query RestResources { resources { provider name status cpu { cores usage } memory { total used free } vms { total running } containers { total running } } }\n": typeof types.RestResourcesDocument,
    "\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips } }\n  }\n": typeof types.RestListServersDocument,
    "\n  query RestServerDetails($id: ID!) { server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details } }\n": typeof types.RestServerDetailsDocument,
    "mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }": typeof types.RestStartDocument,
    "mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }": typeof types.RestStopDocument,
    "mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }": typeof types.RestRebootDocument,
    "\n  mutation RestDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status serverId startedAt } }\n": typeof types.RestDestroyDocument,
};
const documents: Documents = {
    "\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n": types.RestCreateDeploymentDocument,
    "\n  query RestListDeployments($after: String) { deployments(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } } }\n": types.RestListDeploymentsDocument,
    "\n  query RestGetDeployment($id: ID!) { deployment(id: $id) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n": types.RestGetDeploymentDocument,
    "\n  query RestDeploymentLogs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } } }\n": types.RestDeploymentLogsDocument,
    "\n  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": types.RestDeleteDeploymentDocument,
    "\n  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }\n": types.RestRestartDeploymentDocument,
    "\n  query RestStatus { systemStatus { status providers { name plugin connected } deployments { total running failed pending } } }\n": types.RestStatusDocument,
    "\n  query RestFrameworks { frameworks { id name version language } }\n": types.RestFrameworksDocument,
    "\n  query RestResources { resources { provider name status cpu { cores usage } memory { total used free } vms { total running } containers { total running } } }\n": types.RestResourcesDocument,
    "\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips } }\n  }\n": types.RestListServersDocument,
    "\n  query RestServerDetails($id: ID!) { server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details } }\n": types.RestServerDetailsDocument,
    "mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }": types.RestStartDocument,
    "mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }": types.RestStopDocument,
    "mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }": types.RestRebootDocument,
    "\n  mutation RestDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status serverId startedAt } }\n": types.RestDestroyDocument,
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
export function graphql(source: "\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n"): (typeof documents)["\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestListDeployments($after: String) { deployments(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } } }\n"): (typeof documents)["\n  query RestListDeployments($after: String) { deployments(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestGetDeployment($id: ID!) { deployment(id: $id) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n"): (typeof documents)["\n  query RestGetDeployment($id: ID!) { deployment(id: $id) { id name type framework githubUrl branch status step error createdAt deployedAt provider resources { cpu memory disk } host { id node ip } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestDeploymentLogs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } } }\n"): (typeof documents)["\n  query RestDeploymentLogs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n"): (typeof documents)["\n  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }\n"): (typeof documents)["\n  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestStatus { systemStatus { status providers { name plugin connected } deployments { total running failed pending } } }\n"): (typeof documents)["\n  query RestStatus { systemStatus { status providers { name plugin connected } deployments { total running failed pending } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestFrameworks { frameworks { id name version language } }\n"): (typeof documents)["\n  query RestFrameworks { frameworks { id name version language } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestResources { resources { provider name status cpu { cores usage } memory { total used free } vms { total running } containers { total running } } }\n"): (typeof documents)["\n  query RestResources { resources { provider name status cpu { cores usage } memory { total used free } vms { total running } containers { total running } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips } }\n  }\n"): (typeof documents)["\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestServerDetails($id: ID!) { server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details } }\n"): (typeof documents)["\n  query RestServerDetails($id: ID!) { server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }"): (typeof documents)["mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }"): (typeof documents)["mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }"): (typeof documents)["mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status serverId startedAt } }\n"): (typeof documents)["\n  mutation RestDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status serverId startedAt } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;