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
    "\n  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId logs } }\n": typeof types.DashboardOperationDocument,
    "\n  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId logs } }\n": typeof types.DashboardOperationUpdatesDocument,
    "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { id action status error serverId } }\n": typeof types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { id action status error serverId } }\n": typeof types.DashboardStopDocument,
    "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status error serverId } }\n": typeof types.DashboardDestroyDocument,
    "\n  query DashboardDeployments { deployments(first: 50) { totalCount nodes { id name framework provider status step createdAt } } }\n": typeof types.DashboardDeploymentsDocument,
    "\n  query DashboardDeployment($id: ID!) {\n    deployment(id: $id) { id name type framework githubUrl branch provider status step error createdAt deployedAt host { id node ip } }\n  }\n": typeof types.DashboardDeploymentDocument,
    "\n  query DashboardCreateProviders { providers { name plugin capabilities connected } }\n": typeof types.DashboardCreateProvidersDocument,
    "\n  query DashboardCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name cores memoryMb }\n      diskSizesGb\n      storages { id location type content availableGb }\n      networks { id location description }\n    }\n  }\n": typeof types.DashboardCatalogDocument,
    "\n  mutation DashboardCreateServer($input: CreateServerInput!) { createServer(input: $input) { id action status error serverId logs } }\n": typeof types.DashboardCreateServerDocument,
};
const documents: Documents = {
    "\n  query DashboardMe { me { name role } }\n": types.DashboardMeDocument,
    "\n  query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id name provider kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": types.DashboardServersDocument,
    "\n  query DashboardProviders { providers { name plugin connected } }\n": types.DashboardProvidersDocument,
    "\n  query DashboardResources {\n    resources { provider name status cpu { cores usage } memory { total used } vms { total running } containers { total running } }\n  }\n": types.DashboardResourcesDocument,
    "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n": types.DashboardServerDocument,
    "\n  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId logs } }\n": types.DashboardOperationDocument,
    "\n  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId logs } }\n": types.DashboardOperationUpdatesDocument,
    "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { id action status error serverId } }\n": types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { id action status error serverId } }\n": types.DashboardStopDocument,
    "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) { destroyServer(id: $id, confirm: $confirm) { id action status error serverId } }\n": types.DashboardDestroyDocument,
    "\n  query DashboardDeployments { deployments(first: 50) { totalCount nodes { id name framework provider status step createdAt } } }\n": types.DashboardDeploymentsDocument,
    "\n  query DashboardDeployment($id: ID!) {\n    deployment(id: $id) { id name type framework githubUrl branch provider status step error createdAt deployedAt host { id node ip } }\n  }\n": types.DashboardDeploymentDocument,
    "\n  query DashboardCreateProviders { providers { name plugin capabilities connected } }\n": types.DashboardCreateProvidersDocument,
    "\n  query DashboardCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name cores memoryMb }\n      diskSizesGb\n      storages { id location type content availableGb }\n      networks { id location description }\n    }\n  }\n": types.DashboardCatalogDocument,
    "\n  mutation DashboardCreateServer($input: CreateServerInput!) { createServer(input: $input) { id action status error serverId logs } }\n": types.DashboardCreateServerDocument,
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
export function graphql(source: "\n  query DashboardOperation($id: ID!) { operation(id: $id) { id action status error serverId logs } }\n"): typeof import('./graphql.js').DashboardOperationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardOperationUpdates($id: ID!) { operation(id: $id) { id action status error serverId logs } }\n"): typeof import('./graphql.js').DashboardOperationUpdatesDocument;
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
export function graphql(source: "\n  query DashboardDeployments { deployments(first: 50) { totalCount nodes { id name framework provider status step createdAt } } }\n"): typeof import('./graphql.js').DashboardDeploymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeployment($id: ID!) {\n    deployment(id: $id) { id name type framework githubUrl branch provider status step error createdAt deployedAt host { id node ip } }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCreateProviders { providers { name plugin capabilities connected } }\n"): typeof import('./graphql.js').DashboardCreateProvidersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name cores memoryMb }\n      diskSizesGb\n      storages { id location type content availableGb }\n      networks { id location description }\n    }\n  }\n"): typeof import('./graphql.js').DashboardCatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCreateServer($input: CreateServerInput!) { createServer(input: $input) { id action status error serverId logs } }\n"): typeof import('./graphql.js').DashboardCreateServerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
