/* eslint-disable */
import * as types from './graphql.js';



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
    "\n  query DashboardMe { me { name role } }\n": typeof types.DashboardMeDocument,
    "\n  query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id name provider kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": typeof types.DashboardServersDocument,
    "\n  query DashboardProviders { providers { name plugin connected } }\n": typeof types.DashboardProvidersDocument,
    "\n  query DashboardResources {\n    resources { provider name status cpu { cores usage } memory { total used } vms { total running } containers { total running } }\n  }\n": typeof types.DashboardResourcesDocument,
    "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n": typeof types.DashboardServerDocument,
    "\n  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId } }\n": typeof types.DashboardOperationDocument,
    "\n  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId } }\n": typeof types.DashboardOperationUpdatesDocument,
    "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { id action status error serverId } }\n": typeof types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { id action status error serverId } }\n": typeof types.DashboardStopDocument,
    "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status error serverId } }\n": typeof types.DashboardDestroyDocument,
    "\n  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {\n    deployments(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework provider status step createdAt }\n    }\n  }\n": typeof types.DashboardDeploymentsDocument,
    "\n  query DashboardDeployment($id: ID!) {\n    deployment(id: $id) {\n      id name type framework githubUrl branch provider status step error createdAt deployedAt\n      host { id node ip }\n      resources { cpu memory disk }\n    }\n  }\n": typeof types.DashboardDeploymentDocument,
    "\n  subscription DashboardDeploymentStatus($id: ID!) {\n    deploymentStatus(id: $id) {\n      id name type framework githubUrl branch provider status step error createdAt deployedAt\n      host { id node ip }\n      resources { cpu memory disk }\n    }\n  }\n": typeof types.DashboardDeploymentStatusDocument,
    "\n  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq at stream line }\n  }\n": typeof types.DashboardDeploymentLogsDocument,
    "\n  query DashboardFrameworks { frameworks { id name version stages } }\n": typeof types.DashboardFrameworksDocument,
    "\n  query DashboardDeployProviders { providers { name plugin connected capabilities } }\n": typeof types.DashboardDeployProvidersDocument,
    "\n  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name status } }\n": typeof types.DashboardCreateDeploymentDocument,
    "\n  mutation DashboardRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status step } }\n": typeof types.DashboardRestartDeploymentDocument,
    "\n  mutation DashboardCancelDeployment($id: ID!) { cancelDeployment(id: $id) { id status error } }\n": typeof types.DashboardCancelDeploymentDocument,
    "\n  mutation DashboardDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": typeof types.DashboardDeleteDeploymentDocument,
};
const documents: Documents = {
    "\n  query DashboardMe { me { name role } }\n": types.DashboardMeDocument,
    "\n  query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id name provider kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": types.DashboardServersDocument,
    "\n  query DashboardProviders { providers { name plugin connected } }\n": types.DashboardProvidersDocument,
    "\n  query DashboardResources {\n    resources { provider name status cpu { cores usage } memory { total used } vms { total running } containers { total running } }\n  }\n": types.DashboardResourcesDocument,
    "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n": types.DashboardServerDocument,
    "\n  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId } }\n": types.DashboardOperationDocument,
    "\n  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId } }\n": types.DashboardOperationUpdatesDocument,
    "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { id action status error serverId } }\n": types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { id action status error serverId } }\n": types.DashboardStopDocument,
    "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status error serverId } }\n": types.DashboardDestroyDocument,
    "\n  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {\n    deployments(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework provider status step createdAt }\n    }\n  }\n": types.DashboardDeploymentsDocument,
    "\n  query DashboardDeployment($id: ID!) {\n    deployment(id: $id) {\n      id name type framework githubUrl branch provider status step error createdAt deployedAt\n      host { id node ip }\n      resources { cpu memory disk }\n    }\n  }\n": types.DashboardDeploymentDocument,
    "\n  subscription DashboardDeploymentStatus($id: ID!) {\n    deploymentStatus(id: $id) {\n      id name type framework githubUrl branch provider status step error createdAt deployedAt\n      host { id node ip }\n      resources { cpu memory disk }\n    }\n  }\n": types.DashboardDeploymentStatusDocument,
    "\n  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq at stream line }\n  }\n": types.DashboardDeploymentLogsDocument,
    "\n  query DashboardFrameworks { frameworks { id name version stages } }\n": types.DashboardFrameworksDocument,
    "\n  query DashboardDeployProviders { providers { name plugin connected capabilities } }\n": types.DashboardDeployProvidersDocument,
    "\n  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name status } }\n": types.DashboardCreateDeploymentDocument,
    "\n  mutation DashboardRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status step } }\n": types.DashboardRestartDeploymentDocument,
    "\n  mutation DashboardCancelDeployment($id: ID!) { cancelDeployment(id: $id) { id status error } }\n": types.DashboardCancelDeploymentDocument,
    "\n  mutation DashboardDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": types.DashboardDeleteDeploymentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMe { me { name role } }\n"): typeof import('./graphql.js').DashboardMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id name provider kind status location cpu memoryMb diskGb ips }\n    }\n  }\n"): typeof import('./graphql.js').DashboardServersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardProviders { providers { name plugin connected } }\n"): typeof import('./graphql.js').DashboardProvidersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardResources {\n    resources { provider name status cpu { cores usage } memory { total used } vms { total running } containers { total running } }\n  }\n"): typeof import('./graphql.js').DashboardResourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n"): typeof import('./graphql.js').DashboardServerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId } }\n"): typeof import('./graphql.js').DashboardOperationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId } }\n"): typeof import('./graphql.js').DashboardOperationUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { id action status error serverId } }\n"): typeof import('./graphql.js').DashboardStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { id action status error serverId } }\n"): typeof import('./graphql.js').DashboardStopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status error serverId } }\n"): typeof import('./graphql.js').DashboardDestroyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {\n    deployments(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework provider status step createdAt }\n    }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeployment($id: ID!) {\n    deployment(id: $id) {\n      id name type framework githubUrl branch provider status step error createdAt deployedAt\n      host { id node ip }\n      resources { cpu memory disk }\n    }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardDeploymentStatus($id: ID!) {\n    deploymentStatus(id: $id) {\n      id name type framework githubUrl branch provider status step error createdAt deployedAt\n      host { id node ip }\n      resources { cpu memory disk }\n    }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {\n    deploymentLogs(id: $id, after: $after) { seq at stream line }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardFrameworks { frameworks { id name version stages } }\n"): typeof import('./graphql.js').DashboardFrameworksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeployProviders { providers { name plugin connected capabilities } }\n"): typeof import('./graphql.js').DashboardDeployProvidersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) { createDeployment(input: $input) { id name status } }\n"): typeof import('./graphql.js').DashboardCreateDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status step } }\n"): typeof import('./graphql.js').DashboardRestartDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCancelDeployment($id: ID!) { cancelDeployment(id: $id) { id status error } }\n"): typeof import('./graphql.js').DashboardCancelDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n"): typeof import('./graphql.js').DashboardDeleteDeploymentDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
