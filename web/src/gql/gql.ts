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
    "\n  query DashboardProviderHosts {\n    providers {\n      resources {\n        provider name status cpu { cores usage } memory { total used }\n        vms { total running } containers { total running }\n      }\n    }\n  }\n": typeof types.DashboardProviderHostsDocument,
    "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n": typeof types.DashboardServerDocument,
    "\n  fragment DashboardStartedOperation on Operation { id action status error serverId }\n": typeof types.DashboardStartedOperationFragmentDoc,
    "\n  fragment DashboardOperationFields on Operation { ...DashboardStartedOperation startedAt finishedAt logs }\n": typeof types.DashboardOperationFieldsFragmentDoc,
    "\n  query DashboardOperation($id: ID!) {\n    operation(id: $id) { ...DashboardOperationFields }\n  }\n": typeof types.DashboardOperationDocument,
    "\n  subscription DashboardOperationUpdates($id: ID!) {\n    operation(id: $id) { ...DashboardOperationFields }\n  }\n": typeof types.DashboardOperationUpdatesDocument,
    "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { ...DashboardStartedOperation } }\n": typeof types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { ...DashboardStartedOperation } }\n": typeof types.DashboardStopDocument,
    "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { ...DashboardStartedOperation }\n  }\n": typeof types.DashboardDestroyDocument,
    "\n  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {\n    deployments(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework provider status step createdAt }\n    }\n  }\n": typeof types.DashboardDeploymentsDocument,
    "\n  fragment DashboardDeploymentFields on Deployment {\n    id name type framework githubUrl branch provider status step error createdAt deployedAt\n    host { id node ip }\n    resources { cpu memory disk }\n    privateRepo deployKey commitSha\n  }\n": typeof types.DashboardDeploymentFieldsFragmentDoc,
    "\n  query DashboardDeployment($id: ID!) { deployment(id: $id) { ...DashboardDeploymentFields } }\n": typeof types.DashboardDeploymentDocument,
    "\n  subscription DashboardDeploymentStatus($id: ID!) { deploymentStatus(id: $id) { ...DashboardDeploymentFields } }\n": typeof types.DashboardDeploymentStatusDocument,
    "\n  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq at stream line }\n  }\n": typeof types.DashboardDeploymentLogsDocument,
    "\n  query DashboardFrameworks { frameworks { id name version stages } }\n": typeof types.DashboardFrameworksDocument,
    "\n  query DashboardDeployProviders { providers { name plugin connected capabilities } }\n": typeof types.DashboardDeployProvidersDocument,
    "\n  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status }\n  }\n": typeof types.DashboardCreateDeploymentDocument,
    "\n  mutation DashboardRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status step } }\n": typeof types.DashboardRestartDeploymentDocument,
    "\n  mutation DashboardCancelDeployment($id: ID!) { cancelDeployment(id: $id) { id status error } }\n": typeof types.DashboardCancelDeploymentDocument,
    "\n  mutation DashboardDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": typeof types.DashboardDeleteDeploymentDocument,
    "\n  query DashboardProviderCapabilities { providers { name capabilities } }\n": typeof types.DashboardProviderCapabilitiesDocument,
    "\n  query DashboardSnapshots($id: ID!) {\n    server(id: $id) { id snapshots { name description createdAt includesMemory parent } }\n  }\n": typeof types.DashboardSnapshotsDocument,
    "\n  query DashboardServerOperations($id: ID!) {\n    server(id: $id) { id operations(first: 20) { ...DashboardOperationFields } }\n  }\n": typeof types.DashboardServerOperationsDocument,
    "\n  mutation DashboardReboot($id: ID!) { rebootServer(id: $id) { ...DashboardStartedOperation } }\n": typeof types.DashboardRebootDocument,
    "\n  mutation DashboardResize($id: ID!, $input: ResizeServerInput!) {\n    resizeServer(id: $id, input: $input) { ...DashboardStartedOperation }\n  }\n": typeof types.DashboardResizeDocument,
    "\n  mutation DashboardClone($id: ID!, $input: CloneServerInput!) {\n    cloneServer(id: $id, input: $input) { ...DashboardStartedOperation }\n  }\n": typeof types.DashboardCloneDocument,
    "\n  mutation DashboardCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) {\n      ...DashboardStartedOperation\n    }\n  }\n": typeof types.DashboardCreateSnapshotDocument,
    "\n  mutation DashboardRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { ...DashboardStartedOperation }\n  }\n": typeof types.DashboardRollbackSnapshotDocument,
    "\n  mutation DashboardDeleteSnapshot($id: ID!, $name: String!) {\n    deleteSnapshot(id: $id, name: $name) { ...DashboardStartedOperation }\n  }\n": typeof types.DashboardDeleteSnapshotDocument,
    "\n  query DashboardCloneLocations($provider: String!) { catalog(provider: $provider) { locations { id name } } }\n": typeof types.DashboardCloneLocationsDocument,
    "\n  query DashboardCreateProviders { providers { name plugin capabilities connected } }\n": typeof types.DashboardCreateProvidersDocument,
    "\n  query DashboardCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name cores memoryMb }\n      diskSizesGb\n      storages { id location type content availableGb }\n      networks { id location description }\n    }\n  }\n": typeof types.DashboardCatalogDocument,
    "\n  mutation DashboardCreateServer($input: CreateServerInput!) {\n    createServer(input: $input) { ...DashboardOperationFields }\n  }\n": typeof types.DashboardCreateServerDocument,
    "\n  query DashboardDeploymentVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n": typeof types.DashboardDeploymentVariablesDocument,
    "\n  mutation DashboardSetDeploymentVariables(\n    $id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean\n  ) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n": typeof types.DashboardSetDeploymentVariablesDocument,
    "\n  query DashboardDeploymentReleases($id: ID!) {\n    deployment(id: $id) { id commitSha releases { number ref commitSha status error kept createdAt activatedAt } }\n  }\n": typeof types.DashboardDeploymentReleasesDocument,
    "\n  mutation DashboardRedeployDeployment($id: ID!, $ref: String) {\n    redeployDeployment(id: $id, ref: $ref) { id status step }\n  }\n": typeof types.DashboardRedeployDeploymentDocument,
    "\n  mutation DashboardRollbackDeployment($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }\n": typeof types.DashboardRollbackDeploymentDocument,
    "\n  query DashboardActivity($first: Int!, $after: String, $actor: String, $action: String) {\n    auditLog(first: $first, after: $after, actor: $actor, action: $action) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id at actor role source action target outcome detail operationId }\n    }\n  }\n": typeof types.DashboardActivityDocument,
};
const documents: Documents = {
    "\n  query DashboardMe { me { name role } }\n": types.DashboardMeDocument,
    "\n  query DashboardServers($first: Int!, $after: String, $provider: String, $status: ServerStatus, $search: String) {\n    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {\n      totalCount\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id name provider kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": types.DashboardServersDocument,
    "\n  query DashboardProviders { providers { name plugin connected } }\n": types.DashboardProvidersDocument,
    "\n  query DashboardProviderHosts {\n    providers {\n      resources {\n        provider name status cpu { cores usage } memory { total used }\n        vms { total running } containers { total running }\n      }\n    }\n  }\n": types.DashboardProviderHostsDocument,
    "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n": types.DashboardServerDocument,
    "\n  fragment DashboardStartedOperation on Operation { id action status error serverId }\n": types.DashboardStartedOperationFragmentDoc,
    "\n  fragment DashboardOperationFields on Operation { ...DashboardStartedOperation startedAt finishedAt logs }\n": types.DashboardOperationFieldsFragmentDoc,
    "\n  query DashboardOperation($id: ID!) {\n    operation(id: $id) { ...DashboardOperationFields }\n  }\n": types.DashboardOperationDocument,
    "\n  subscription DashboardOperationUpdates($id: ID!) {\n    operation(id: $id) { ...DashboardOperationFields }\n  }\n": types.DashboardOperationUpdatesDocument,
    "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { ...DashboardStartedOperation } }\n": types.DashboardStartDocument,
    "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { ...DashboardStartedOperation } }\n": types.DashboardStopDocument,
    "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { ...DashboardStartedOperation }\n  }\n": types.DashboardDestroyDocument,
    "\n  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {\n    deployments(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework provider status step createdAt }\n    }\n  }\n": types.DashboardDeploymentsDocument,
    "\n  fragment DashboardDeploymentFields on Deployment {\n    id name type framework githubUrl branch provider status step error createdAt deployedAt\n    host { id node ip }\n    resources { cpu memory disk }\n    privateRepo deployKey commitSha\n  }\n": types.DashboardDeploymentFieldsFragmentDoc,
    "\n  query DashboardDeployment($id: ID!) { deployment(id: $id) { ...DashboardDeploymentFields } }\n": types.DashboardDeploymentDocument,
    "\n  subscription DashboardDeploymentStatus($id: ID!) { deploymentStatus(id: $id) { ...DashboardDeploymentFields } }\n": types.DashboardDeploymentStatusDocument,
    "\n  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq at stream line }\n  }\n": types.DashboardDeploymentLogsDocument,
    "\n  query DashboardFrameworks { frameworks { id name version stages } }\n": types.DashboardFrameworksDocument,
    "\n  query DashboardDeployProviders { providers { name plugin connected capabilities } }\n": types.DashboardDeployProvidersDocument,
    "\n  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status }\n  }\n": types.DashboardCreateDeploymentDocument,
    "\n  mutation DashboardRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status step } }\n": types.DashboardRestartDeploymentDocument,
    "\n  mutation DashboardCancelDeployment($id: ID!) { cancelDeployment(id: $id) { id status error } }\n": types.DashboardCancelDeploymentDocument,
    "\n  mutation DashboardDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": types.DashboardDeleteDeploymentDocument,
    "\n  query DashboardProviderCapabilities { providers { name capabilities } }\n": types.DashboardProviderCapabilitiesDocument,
    "\n  query DashboardSnapshots($id: ID!) {\n    server(id: $id) { id snapshots { name description createdAt includesMemory parent } }\n  }\n": types.DashboardSnapshotsDocument,
    "\n  query DashboardServerOperations($id: ID!) {\n    server(id: $id) { id operations(first: 20) { ...DashboardOperationFields } }\n  }\n": types.DashboardServerOperationsDocument,
    "\n  mutation DashboardReboot($id: ID!) { rebootServer(id: $id) { ...DashboardStartedOperation } }\n": types.DashboardRebootDocument,
    "\n  mutation DashboardResize($id: ID!, $input: ResizeServerInput!) {\n    resizeServer(id: $id, input: $input) { ...DashboardStartedOperation }\n  }\n": types.DashboardResizeDocument,
    "\n  mutation DashboardClone($id: ID!, $input: CloneServerInput!) {\n    cloneServer(id: $id, input: $input) { ...DashboardStartedOperation }\n  }\n": types.DashboardCloneDocument,
    "\n  mutation DashboardCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) {\n      ...DashboardStartedOperation\n    }\n  }\n": types.DashboardCreateSnapshotDocument,
    "\n  mutation DashboardRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { ...DashboardStartedOperation }\n  }\n": types.DashboardRollbackSnapshotDocument,
    "\n  mutation DashboardDeleteSnapshot($id: ID!, $name: String!) {\n    deleteSnapshot(id: $id, name: $name) { ...DashboardStartedOperation }\n  }\n": types.DashboardDeleteSnapshotDocument,
    "\n  query DashboardCloneLocations($provider: String!) { catalog(provider: $provider) { locations { id name } } }\n": types.DashboardCloneLocationsDocument,
    "\n  query DashboardCreateProviders { providers { name plugin capabilities connected } }\n": types.DashboardCreateProvidersDocument,
    "\n  query DashboardCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name cores memoryMb }\n      diskSizesGb\n      storages { id location type content availableGb }\n      networks { id location description }\n    }\n  }\n": types.DashboardCatalogDocument,
    "\n  mutation DashboardCreateServer($input: CreateServerInput!) {\n    createServer(input: $input) { ...DashboardOperationFields }\n  }\n": types.DashboardCreateServerDocument,
    "\n  query DashboardDeploymentVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n": types.DashboardDeploymentVariablesDocument,
    "\n  mutation DashboardSetDeploymentVariables(\n    $id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean\n  ) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n": types.DashboardSetDeploymentVariablesDocument,
    "\n  query DashboardDeploymentReleases($id: ID!) {\n    deployment(id: $id) { id commitSha releases { number ref commitSha status error kept createdAt activatedAt } }\n  }\n": types.DashboardDeploymentReleasesDocument,
    "\n  mutation DashboardRedeployDeployment($id: ID!, $ref: String) {\n    redeployDeployment(id: $id, ref: $ref) { id status step }\n  }\n": types.DashboardRedeployDeploymentDocument,
    "\n  mutation DashboardRollbackDeployment($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }\n": types.DashboardRollbackDeploymentDocument,
    "\n  query DashboardActivity($first: Int!, $after: String, $actor: String, $action: String) {\n    auditLog(first: $first, after: $after, actor: $actor, action: $action) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id at actor role source action target outcome detail operationId }\n    }\n  }\n": types.DashboardActivityDocument,
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
export function graphql(source: "\n  query DashboardProviderHosts {\n    providers {\n      resources {\n        provider name status cpu { cores usage } memory { total used }\n        vms { total running } containers { total running }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DashboardProviderHostsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardServer($id: ID!) {\n    server(id: $id) { id name provider nativeId kind status location cpu memoryMb diskGb ips details }\n  }\n"): typeof import('./graphql.js').DashboardServerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardStartedOperation on Operation { id action status error serverId }\n"): typeof import('./graphql.js').DashboardStartedOperationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardOperationFields on Operation { ...DashboardStartedOperation startedAt finishedAt logs }\n"): typeof import('./graphql.js').DashboardOperationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardOperation($id: ID!) {\n    operation(id: $id) { ...DashboardOperationFields }\n  }\n"): typeof import('./graphql.js').DashboardOperationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardOperationUpdates($id: ID!) {\n    operation(id: $id) { ...DashboardOperationFields }\n  }\n"): typeof import('./graphql.js').DashboardOperationUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStart($id: ID!) { startServer(id: $id) { ...DashboardStartedOperation } }\n"): typeof import('./graphql.js').DashboardStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardStop($id: ID!) { stopServer(id: $id) { ...DashboardStartedOperation } }\n"): typeof import('./graphql.js').DashboardStopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { ...DashboardStartedOperation }\n  }\n"): typeof import('./graphql.js').DashboardDestroyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeployments($first: Int!, $after: String, $status: DeploymentStatus) {\n    deployments(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework provider status step createdAt }\n    }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardDeploymentFields on Deployment {\n    id name type framework githubUrl branch provider status step error createdAt deployedAt\n    host { id node ip }\n    resources { cpu memory disk }\n    privateRepo deployKey commitSha\n  }\n"): typeof import('./graphql.js').DashboardDeploymentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeployment($id: ID!) { deployment(id: $id) { ...DashboardDeploymentFields } }\n"): typeof import('./graphql.js').DashboardDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardDeploymentStatus($id: ID!) { deploymentStatus(id: $id) { ...DashboardDeploymentFields } }\n"): typeof import('./graphql.js').DashboardDeploymentStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardDeploymentLogs($id: ID!, $after: Int) {\n    deploymentLogBatches(id: $id, after: $after) { seq at stream line }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentLogsDocument;
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
export function graphql(source: "\n  mutation DashboardCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status }\n  }\n"): typeof import('./graphql.js').DashboardCreateDeploymentDocument;
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardProviderCapabilities { providers { name capabilities } }\n"): typeof import('./graphql.js').DashboardProviderCapabilitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSnapshots($id: ID!) {\n    server(id: $id) { id snapshots { name description createdAt includesMemory parent } }\n  }\n"): typeof import('./graphql.js').DashboardSnapshotsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardServerOperations($id: ID!) {\n    server(id: $id) { id operations(first: 20) { ...DashboardOperationFields } }\n  }\n"): typeof import('./graphql.js').DashboardServerOperationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardReboot($id: ID!) { rebootServer(id: $id) { ...DashboardStartedOperation } }\n"): typeof import('./graphql.js').DashboardRebootDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardResize($id: ID!, $input: ResizeServerInput!) {\n    resizeServer(id: $id, input: $input) { ...DashboardStartedOperation }\n  }\n"): typeof import('./graphql.js').DashboardResizeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardClone($id: ID!, $input: CloneServerInput!) {\n    cloneServer(id: $id, input: $input) { ...DashboardStartedOperation }\n  }\n"): typeof import('./graphql.js').DashboardCloneDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) {\n      ...DashboardStartedOperation\n    }\n  }\n"): typeof import('./graphql.js').DashboardCreateSnapshotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { ...DashboardStartedOperation }\n  }\n"): typeof import('./graphql.js').DashboardRollbackSnapshotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardDeleteSnapshot($id: ID!, $name: String!) {\n    deleteSnapshot(id: $id, name: $name) { ...DashboardStartedOperation }\n  }\n"): typeof import('./graphql.js').DashboardDeleteSnapshotDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCloneLocations($provider: String!) { catalog(provider: $provider) { locations { id name } } }\n"): typeof import('./graphql.js').DashboardCloneLocationsDocument;
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
export function graphql(source: "\n  mutation DashboardCreateServer($input: CreateServerInput!) {\n    createServer(input: $input) { ...DashboardOperationFields }\n  }\n"): typeof import('./graphql.js').DashboardCreateServerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeploymentVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n"): typeof import('./graphql.js').DashboardDeploymentVariablesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardSetDeploymentVariables(\n    $id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean\n  ) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n"): typeof import('./graphql.js').DashboardSetDeploymentVariablesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDeploymentReleases($id: ID!) {\n    deployment(id: $id) { id commitSha releases { number ref commitSha status error kept createdAt activatedAt } }\n  }\n"): typeof import('./graphql.js').DashboardDeploymentReleasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRedeployDeployment($id: ID!, $ref: String) {\n    redeployDeployment(id: $id, ref: $ref) { id status step }\n  }\n"): typeof import('./graphql.js').DashboardRedeployDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRollbackDeployment($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }\n"): typeof import('./graphql.js').DashboardRollbackDeploymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardActivity($first: Int!, $after: String, $actor: String, $action: String) {\n    auditLog(first: $first, after: $after, actor: $actor, action: $action) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id at actor role source action target outcome detail operationId }\n    }\n  }\n"): typeof import('./graphql.js').DashboardActivityDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
