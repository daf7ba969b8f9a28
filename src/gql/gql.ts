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
    "\n  query CliCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      provider\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name description cores memoryMb }\n      diskSizesGb\n      storages { id location type content shared availableGb }\n      networks { id location description }\n    }\n  }\n": typeof types.CliCatalogDocument,
    "\n  mutation CliCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status provider githubUrl deployKey }\n  }\n": typeof types.CliCreateDeploymentDocument,
    "\n  query CliDeployments($after: String, $status: DeploymentStatus) {\n    deployments(first: 100, after: $after, status: $status) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework status step error createdAt deployedAt host { id node ip } }\n    }\n  }\n": typeof types.CliDeploymentsDocument,
    "\n  query CliDeploymentState($id: ID!) {\n    deployment(id: $id) { id name status step error deployedAt host { id node ip } }\n  }\n": typeof types.CliDeploymentStateDocument,
    "\n  query CliDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } }\n  }\n": typeof types.CliDeploymentLogsDocument,
    "mutation CliRestart($id: ID!) { restartDeployment(id: $id) { id status } }": typeof types.CliRestartDocument,
    "mutation CliDelete($id: ID!) { deleteDeployment(id: $id) { id status } }": typeof types.CliDeleteDocument,
    "\n  subscription CliWatchLogs($id: ID!, $after: Int) { deploymentLogBatches(id: $id, after: $after) { seq line } }\n": typeof types.CliWatchLogsDocument,
    "\n  query CliVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n": typeof types.CliVariablesDocument,
    "\n  mutation CliSetVariables($id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n": typeof types.CliSetVariablesDocument,
    "query CliVariablesDeploymentState($id: ID!) { deployment(id: $id) { id status step error } }": typeof types.CliVariablesDeploymentStateDocument,
    "\n  query CliStatus {\n    systemStatus {\n      status providers { name plugin connected error capabilities } deployments { total running failed pending }\n    }\n  }\n": typeof types.CliStatusDocument,
    "\n  query CliFrameworks { frameworks { id name version language port } }\n": typeof types.CliFrameworksDocument,
    "\n  query CliProviderHosts {\n    providers {\n      name\n      resources {\n        provider name status cpu { cores usage } memory { total used free } vms { total running }\n        containers { total running }\n      }\n    }\n  }\n": typeof types.CliProviderHostsDocument,
    "\n  query CliResources($provider: String) {\n    resources(provider: $provider) {\n      provider name status cpu { cores usage } memory { total used free } vms { total running }\n      containers { total running }\n    }\n  }\n": typeof types.CliResourcesDocument,
    "\n  query CliReleases($id: ID!) {\n    deployment(id: $id) {\n      id status step error commitSha releases { number ref commitSha status error kept createdAt activatedAt }\n    }\n  }\n": typeof types.CliReleasesDocument,
    "query CliLogSeqs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq } } }": typeof types.CliLogSeqsDocument,
    "mutation CliRedeploy($id: ID!, $ref: String) { redeployDeployment(id: $id, ref: $ref) { id status step } }": typeof types.CliRedeployDocument,
    "mutation CliRollback($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }": typeof types.CliRollbackDocument,
    "\n  query CliListServers($after: String, $provider: String, $status: ServerStatus) {\n    servers(first: 200, after: $after, provider: $provider, status: $status) {\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": typeof types.CliListServersDocument,
    "\n  query CliServerDetails($id: ID!) {\n    server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details }\n  }\n": typeof types.CliServerDetailsDocument,
    "mutation CliStart($id: ID!) { startServer(id: $id) { id status error logs } }": typeof types.CliStartDocument,
    "mutation CliStop($id: ID!) { stopServer(id: $id) { id status error logs } }": typeof types.CliStopDocument,
    "mutation CliReboot($id: ID!) { rebootServer(id: $id) { id status error logs } }": typeof types.CliRebootDocument,
    "mutation CliDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { id status error logs }\n  }": typeof types.CliDestroyDocument,
    "\n  subscription CliWatchOperation($id: ID!) { operation(id: $id) { id action status error logs serverId finishedAt } }\n": typeof types.CliWatchOperationDocument,
    "mutation CliCreateServer($input: CreateServerInput!) { createServer(input: $input) { id } }": typeof types.CliCreateServerDocument,
    "mutation CliCloneServer($id: ID!, $input: CloneServerInput!) { cloneServer(id: $id, input: $input) { id } }": typeof types.CliCloneServerDocument,
    "mutation CliResizeServer($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, input: $input) { id } }": typeof types.CliResizeServerDocument,
    "\n  query CliSnapshots($id: ID!) { server(id: $id) { id snapshots { name description createdAt parent includesMemory } } }\n": typeof types.CliSnapshotsDocument,
    "\n  mutation CliCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) { id }\n  }\n": typeof types.CliCreateSnapshotDocument,
    "\n  mutation CliRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { id }\n  }\n": typeof types.CliRollbackSnapshotDocument,
    "mutation CliDeleteSnapshot($id: ID!, $name: String!) { deleteSnapshot(id: $id, name: $name) { id } }": typeof types.CliDeleteSnapshotDocument,
    "\n  fragment RestDeploymentFields on Deployment {\n    id\n    name\n    type\n    framework\n    githubUrl\n    branch\n    status\n    step\n    error\n    createdAt\n    deployedAt\n    provider\n    resources {\n      cpu\n      memory\n      disk\n    }\n    host {\n      id\n      node\n      ip\n    }\n    privateRepo\n    deployKey\n    commitSha\n    releases {\n      number\n      ref\n      commitSha\n      status\n      createdAt\n      activatedAt\n    }\n  }\n": typeof types.RestDeploymentFieldsFragmentDoc,
    "\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) {\n      ...RestDeploymentFields\n    }\n  }\n": typeof types.RestCreateDeploymentDocument,
    "\n  query RestListDeployments($after: String) {\n    deployments(first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestDeploymentFields\n      }\n    }\n  }\n": typeof types.RestListDeploymentsDocument,
    "\n  query RestGetDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...RestDeploymentFields\n    }\n  }\n": typeof types.RestGetDeploymentDocument,
    "\n  query RestDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) {\n      id\n      logs(after: $after, limit: 10000) {\n        seq\n        stream\n        line\n      }\n    }\n  }\n": typeof types.RestDeploymentLogsDocument,
    "\n  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": typeof types.RestDeleteDeploymentDocument,
    "\n  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }\n": typeof types.RestRestartDeploymentDocument,
    "\n  query RestStatus {\n    systemStatus {\n      status\n      providers {\n        name\n        plugin\n        connected\n      }\n      deployments {\n        total\n        running\n        failed\n        pending\n      }\n    }\n  }\n": typeof types.RestStatusDocument,
    "\n  query RestFrameworks { frameworks { id name version language } }\n": typeof types.RestFrameworksDocument,
    "\n  query RestProviderHosts {\n    providers {\n      name\n      resources {\n        provider\n        name\n        status\n        cpu {\n          cores\n          usage\n        }\n        memory {\n          total\n          used\n          free\n        }\n        vms {\n          total\n          running\n        }\n        containers {\n          total\n          running\n        }\n      }\n    }\n  }\n": typeof types.RestProviderHostsDocument,
    "\n  fragment RestServerFields on Server {\n    id\n    provider\n    nativeId\n    name\n    kind\n    status\n    location\n    cpu\n    memoryMb\n    diskGb\n    ips\n  }\n": typeof types.RestServerFieldsFragmentDoc,
    "\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestServerFields\n      }\n    }\n  }\n": typeof types.RestListServersDocument,
    "\n  query RestServerDetails($id: ID!) {\n    server(id: $id) {\n      ...RestServerFields\n      details\n    }\n  }\n": typeof types.RestServerDetailsDocument,
    "mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }": typeof types.RestStartDocument,
    "mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }": typeof types.RestStopDocument,
    "mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }": typeof types.RestRebootDocument,
    "\n  mutation RestDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) {\n      id\n      action\n      status\n      serverId\n      startedAt\n    }\n  }\n": typeof types.RestDestroyDocument,
};
const documents: Documents = {
    "\n  query CliCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      provider\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name description cores memoryMb }\n      diskSizesGb\n      storages { id location type content shared availableGb }\n      networks { id location description }\n    }\n  }\n": types.CliCatalogDocument,
    "\n  mutation CliCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status provider githubUrl deployKey }\n  }\n": types.CliCreateDeploymentDocument,
    "\n  query CliDeployments($after: String, $status: DeploymentStatus) {\n    deployments(first: 100, after: $after, status: $status) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework status step error createdAt deployedAt host { id node ip } }\n    }\n  }\n": types.CliDeploymentsDocument,
    "\n  query CliDeploymentState($id: ID!) {\n    deployment(id: $id) { id name status step error deployedAt host { id node ip } }\n  }\n": types.CliDeploymentStateDocument,
    "\n  query CliDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } }\n  }\n": types.CliDeploymentLogsDocument,
    "mutation CliRestart($id: ID!) { restartDeployment(id: $id) { id status } }": types.CliRestartDocument,
    "mutation CliDelete($id: ID!) { deleteDeployment(id: $id) { id status } }": types.CliDeleteDocument,
    "\n  subscription CliWatchLogs($id: ID!, $after: Int) { deploymentLogBatches(id: $id, after: $after) { seq line } }\n": types.CliWatchLogsDocument,
    "\n  query CliVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n": types.CliVariablesDocument,
    "\n  mutation CliSetVariables($id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n": types.CliSetVariablesDocument,
    "query CliVariablesDeploymentState($id: ID!) { deployment(id: $id) { id status step error } }": types.CliVariablesDeploymentStateDocument,
    "\n  query CliStatus {\n    systemStatus {\n      status providers { name plugin connected error capabilities } deployments { total running failed pending }\n    }\n  }\n": types.CliStatusDocument,
    "\n  query CliFrameworks { frameworks { id name version language port } }\n": types.CliFrameworksDocument,
    "\n  query CliProviderHosts {\n    providers {\n      name\n      resources {\n        provider name status cpu { cores usage } memory { total used free } vms { total running }\n        containers { total running }\n      }\n    }\n  }\n": types.CliProviderHostsDocument,
    "\n  query CliResources($provider: String) {\n    resources(provider: $provider) {\n      provider name status cpu { cores usage } memory { total used free } vms { total running }\n      containers { total running }\n    }\n  }\n": types.CliResourcesDocument,
    "\n  query CliReleases($id: ID!) {\n    deployment(id: $id) {\n      id status step error commitSha releases { number ref commitSha status error kept createdAt activatedAt }\n    }\n  }\n": types.CliReleasesDocument,
    "query CliLogSeqs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq } } }": types.CliLogSeqsDocument,
    "mutation CliRedeploy($id: ID!, $ref: String) { redeployDeployment(id: $id, ref: $ref) { id status step } }": types.CliRedeployDocument,
    "mutation CliRollback($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }": types.CliRollbackDocument,
    "\n  query CliListServers($after: String, $provider: String, $status: ServerStatus) {\n    servers(first: 200, after: $after, provider: $provider, status: $status) {\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n": types.CliListServersDocument,
    "\n  query CliServerDetails($id: ID!) {\n    server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details }\n  }\n": types.CliServerDetailsDocument,
    "mutation CliStart($id: ID!) { startServer(id: $id) { id status error logs } }": types.CliStartDocument,
    "mutation CliStop($id: ID!) { stopServer(id: $id) { id status error logs } }": types.CliStopDocument,
    "mutation CliReboot($id: ID!) { rebootServer(id: $id) { id status error logs } }": types.CliRebootDocument,
    "mutation CliDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { id status error logs }\n  }": types.CliDestroyDocument,
    "\n  subscription CliWatchOperation($id: ID!) { operation(id: $id) { id action status error logs serverId finishedAt } }\n": types.CliWatchOperationDocument,
    "mutation CliCreateServer($input: CreateServerInput!) { createServer(input: $input) { id } }": types.CliCreateServerDocument,
    "mutation CliCloneServer($id: ID!, $input: CloneServerInput!) { cloneServer(id: $id, input: $input) { id } }": types.CliCloneServerDocument,
    "mutation CliResizeServer($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, input: $input) { id } }": types.CliResizeServerDocument,
    "\n  query CliSnapshots($id: ID!) { server(id: $id) { id snapshots { name description createdAt parent includesMemory } } }\n": types.CliSnapshotsDocument,
    "\n  mutation CliCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) { id }\n  }\n": types.CliCreateSnapshotDocument,
    "\n  mutation CliRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { id }\n  }\n": types.CliRollbackSnapshotDocument,
    "mutation CliDeleteSnapshot($id: ID!, $name: String!) { deleteSnapshot(id: $id, name: $name) { id } }": types.CliDeleteSnapshotDocument,
    "\n  fragment RestDeploymentFields on Deployment {\n    id\n    name\n    type\n    framework\n    githubUrl\n    branch\n    status\n    step\n    error\n    createdAt\n    deployedAt\n    provider\n    resources {\n      cpu\n      memory\n      disk\n    }\n    host {\n      id\n      node\n      ip\n    }\n    privateRepo\n    deployKey\n    commitSha\n    releases {\n      number\n      ref\n      commitSha\n      status\n      createdAt\n      activatedAt\n    }\n  }\n": types.RestDeploymentFieldsFragmentDoc,
    "\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) {\n      ...RestDeploymentFields\n    }\n  }\n": types.RestCreateDeploymentDocument,
    "\n  query RestListDeployments($after: String) {\n    deployments(first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestDeploymentFields\n      }\n    }\n  }\n": types.RestListDeploymentsDocument,
    "\n  query RestGetDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...RestDeploymentFields\n    }\n  }\n": types.RestGetDeploymentDocument,
    "\n  query RestDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) {\n      id\n      logs(after: $after, limit: 10000) {\n        seq\n        stream\n        line\n      }\n    }\n  }\n": types.RestDeploymentLogsDocument,
    "\n  mutation RestDeleteDeployment($id: ID!) { deleteDeployment(id: $id) { id status } }\n": types.RestDeleteDeploymentDocument,
    "\n  mutation RestRestartDeployment($id: ID!) { restartDeployment(id: $id) { id status } }\n": types.RestRestartDeploymentDocument,
    "\n  query RestStatus {\n    systemStatus {\n      status\n      providers {\n        name\n        plugin\n        connected\n      }\n      deployments {\n        total\n        running\n        failed\n        pending\n      }\n    }\n  }\n": types.RestStatusDocument,
    "\n  query RestFrameworks { frameworks { id name version language } }\n": types.RestFrameworksDocument,
    "\n  query RestProviderHosts {\n    providers {\n      name\n      resources {\n        provider\n        name\n        status\n        cpu {\n          cores\n          usage\n        }\n        memory {\n          total\n          used\n          free\n        }\n        vms {\n          total\n          running\n        }\n        containers {\n          total\n          running\n        }\n      }\n    }\n  }\n": types.RestProviderHostsDocument,
    "\n  fragment RestServerFields on Server {\n    id\n    provider\n    nativeId\n    name\n    kind\n    status\n    location\n    cpu\n    memoryMb\n    diskGb\n    ips\n  }\n": types.RestServerFieldsFragmentDoc,
    "\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestServerFields\n      }\n    }\n  }\n": types.RestListServersDocument,
    "\n  query RestServerDetails($id: ID!) {\n    server(id: $id) {\n      ...RestServerFields\n      details\n    }\n  }\n": types.RestServerDetailsDocument,
    "mutation RestStart($id: ID!) { startServer(id: $id) { id action status serverId startedAt } }": types.RestStartDocument,
    "mutation RestStop($id: ID!) { stopServer(id: $id) { id action status serverId startedAt } }": types.RestStopDocument,
    "mutation RestReboot($id: ID!) { rebootServer(id: $id) { id action status serverId startedAt } }": types.RestRebootDocument,
    "\n  mutation RestDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) {\n      id\n      action\n      status\n      serverId\n      startedAt\n    }\n  }\n": types.RestDestroyDocument,
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
export function graphql(source: "\n  query CliCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      provider\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name description cores memoryMb }\n      diskSizesGb\n      storages { id location type content shared availableGb }\n      networks { id location description }\n    }\n  }\n"): (typeof documents)["\n  query CliCatalog($provider: String!, $location: String) {\n    catalog(provider: $provider, location: $location) {\n      provider\n      locations { id name }\n      images { id name os location }\n      cpuTypes { id name description cores memoryMb }\n      diskSizesGb\n      storages { id location type content shared availableGb }\n      networks { id location description }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status provider githubUrl deployKey }\n  }\n"): (typeof documents)["\n  mutation CliCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) { id name status provider githubUrl deployKey }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliDeployments($after: String, $status: DeploymentStatus) {\n    deployments(first: 100, after: $after, status: $status) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework status step error createdAt deployedAt host { id node ip } }\n    }\n  }\n"): (typeof documents)["\n  query CliDeployments($after: String, $status: DeploymentStatus) {\n    deployments(first: 100, after: $after, status: $status) {\n      pageInfo { hasNextPage endCursor }\n      nodes { id name type framework status step error createdAt deployedAt host { id node ip } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliDeploymentState($id: ID!) {\n    deployment(id: $id) { id name status step error deployedAt host { id node ip } }\n  }\n"): (typeof documents)["\n  query CliDeploymentState($id: ID!) {\n    deployment(id: $id) { id name status step error deployedAt host { id node ip } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } }\n  }\n"): (typeof documents)["\n  query CliDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) { id logs(after: $after, limit: 10000) { seq stream line } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliRestart($id: ID!) { restartDeployment(id: $id) { id status } }"): (typeof documents)["mutation CliRestart($id: ID!) { restartDeployment(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliDelete($id: ID!) { deleteDeployment(id: $id) { id status } }"): (typeof documents)["mutation CliDelete($id: ID!) { deleteDeployment(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliWatchLogs($id: ID!, $after: Int) { deploymentLogBatches(id: $id, after: $after) { seq line } }\n"): (typeof documents)["\n  subscription CliWatchLogs($id: ID!, $after: Int) { deploymentLogBatches(id: $id, after: $after) { seq line } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n"): (typeof documents)["\n  query CliVariables($id: ID!) { deployment(id: $id) { id variables { key value secret updatedAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliSetVariables($id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n"): (typeof documents)["\n  mutation CliSetVariables($id: ID!, $variables: [VariableInput!], $unset: [String!], $redeploy: Boolean) {\n    setDeploymentVariables(id: $id, variables: $variables, unset: $unset, redeploy: $redeploy) {\n      id status step variables { key value secret updatedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliVariablesDeploymentState($id: ID!) { deployment(id: $id) { id status step error } }"): (typeof documents)["query CliVariablesDeploymentState($id: ID!) { deployment(id: $id) { id status step error } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliStatus {\n    systemStatus {\n      status providers { name plugin connected error capabilities } deployments { total running failed pending }\n    }\n  }\n"): (typeof documents)["\n  query CliStatus {\n    systemStatus {\n      status providers { name plugin connected error capabilities } deployments { total running failed pending }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliFrameworks { frameworks { id name version language port } }\n"): (typeof documents)["\n  query CliFrameworks { frameworks { id name version language port } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliProviderHosts {\n    providers {\n      name\n      resources {\n        provider name status cpu { cores usage } memory { total used free } vms { total running }\n        containers { total running }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CliProviderHosts {\n    providers {\n      name\n      resources {\n        provider name status cpu { cores usage } memory { total used free } vms { total running }\n        containers { total running }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliResources($provider: String) {\n    resources(provider: $provider) {\n      provider name status cpu { cores usage } memory { total used free } vms { total running }\n      containers { total running }\n    }\n  }\n"): (typeof documents)["\n  query CliResources($provider: String) {\n    resources(provider: $provider) {\n      provider name status cpu { cores usage } memory { total used free } vms { total running }\n      containers { total running }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliReleases($id: ID!) {\n    deployment(id: $id) {\n      id status step error commitSha releases { number ref commitSha status error kept createdAt activatedAt }\n    }\n  }\n"): (typeof documents)["\n  query CliReleases($id: ID!) {\n    deployment(id: $id) {\n      id status step error commitSha releases { number ref commitSha status error kept createdAt activatedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliLogSeqs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq } } }"): (typeof documents)["query CliLogSeqs($id: ID!, $after: Int) { deployment(id: $id) { id logs(after: $after, limit: 10000) { seq } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliRedeploy($id: ID!, $ref: String) { redeployDeployment(id: $id, ref: $ref) { id status step } }"): (typeof documents)["mutation CliRedeploy($id: ID!, $ref: String) { redeployDeployment(id: $id, ref: $ref) { id status step } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliRollback($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }"): (typeof documents)["mutation CliRollback($id: ID!, $release: Int!) {\n    rollbackDeployment(id: $id, release: $release) { id status step }\n  }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliListServers($after: String, $provider: String, $status: ServerStatus) {\n    servers(first: 200, after: $after, provider: $provider, status: $status) {\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n"): (typeof documents)["\n  query CliListServers($after: String, $provider: String, $status: ServerStatus) {\n    servers(first: 200, after: $after, provider: $provider, status: $status) {\n      unavailableProviders\n      pageInfo { hasNextPage endCursor }\n      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliServerDetails($id: ID!) {\n    server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details }\n  }\n"): (typeof documents)["\n  query CliServerDetails($id: ID!) {\n    server(id: $id) { id provider nativeId name kind status location cpu memoryMb diskGb ips details }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliStart($id: ID!) { startServer(id: $id) { id status error logs } }"): (typeof documents)["mutation CliStart($id: ID!) { startServer(id: $id) { id status error logs } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliStop($id: ID!) { stopServer(id: $id) { id status error logs } }"): (typeof documents)["mutation CliStop($id: ID!) { stopServer(id: $id) { id status error logs } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliReboot($id: ID!) { rebootServer(id: $id) { id status error logs } }"): (typeof documents)["mutation CliReboot($id: ID!) { rebootServer(id: $id) { id status error logs } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { id status error logs }\n  }"): (typeof documents)["mutation CliDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) { id status error logs }\n  }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CliWatchOperation($id: ID!) { operation(id: $id) { id action status error logs serverId finishedAt } }\n"): (typeof documents)["\n  subscription CliWatchOperation($id: ID!) { operation(id: $id) { id action status error logs serverId finishedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliCreateServer($input: CreateServerInput!) { createServer(input: $input) { id } }"): (typeof documents)["mutation CliCreateServer($input: CreateServerInput!) { createServer(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliCloneServer($id: ID!, $input: CloneServerInput!) { cloneServer(id: $id, input: $input) { id } }"): (typeof documents)["mutation CliCloneServer($id: ID!, $input: CloneServerInput!) { cloneServer(id: $id, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliResizeServer($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, input: $input) { id } }"): (typeof documents)["mutation CliResizeServer($id: ID!, $input: ResizeServerInput!) { resizeServer(id: $id, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliSnapshots($id: ID!) { server(id: $id) { id snapshots { name description createdAt parent includesMemory } } }\n"): (typeof documents)["\n  query CliSnapshots($id: ID!) { server(id: $id) { id snapshots { name description createdAt parent includesMemory } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) { id }\n  }\n"): (typeof documents)["\n  mutation CliCreateSnapshot($id: ID!, $name: String!, $description: String, $includeMemory: Boolean) {\n    createSnapshot(id: $id, name: $name, description: $description, includeMemory: $includeMemory) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CliRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { id }\n  }\n"): (typeof documents)["\n  mutation CliRollbackSnapshot($id: ID!, $name: String!, $confirm: String!) {\n    rollbackSnapshot(id: $id, name: $name, confirm: $confirm) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CliDeleteSnapshot($id: ID!, $name: String!) { deleteSnapshot(id: $id, name: $name) { id } }"): (typeof documents)["mutation CliDeleteSnapshot($id: ID!, $name: String!) { deleteSnapshot(id: $id, name: $name) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RestDeploymentFields on Deployment {\n    id\n    name\n    type\n    framework\n    githubUrl\n    branch\n    status\n    step\n    error\n    createdAt\n    deployedAt\n    provider\n    resources {\n      cpu\n      memory\n      disk\n    }\n    host {\n      id\n      node\n      ip\n    }\n    privateRepo\n    deployKey\n    commitSha\n    releases {\n      number\n      ref\n      commitSha\n      status\n      createdAt\n      activatedAt\n    }\n  }\n"): (typeof documents)["\n  fragment RestDeploymentFields on Deployment {\n    id\n    name\n    type\n    framework\n    githubUrl\n    branch\n    status\n    step\n    error\n    createdAt\n    deployedAt\n    provider\n    resources {\n      cpu\n      memory\n      disk\n    }\n    host {\n      id\n      node\n      ip\n    }\n    privateRepo\n    deployKey\n    commitSha\n    releases {\n      number\n      ref\n      commitSha\n      status\n      createdAt\n      activatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) {\n      ...RestDeploymentFields\n    }\n  }\n"): (typeof documents)["\n  mutation RestCreateDeployment($input: CreateDeploymentInput!) {\n    createDeployment(input: $input) {\n      ...RestDeploymentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestListDeployments($after: String) {\n    deployments(first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestDeploymentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestListDeployments($after: String) {\n    deployments(first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestDeploymentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestGetDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...RestDeploymentFields\n    }\n  }\n"): (typeof documents)["\n  query RestGetDeployment($id: ID!) {\n    deployment(id: $id) {\n      ...RestDeploymentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) {\n      id\n      logs(after: $after, limit: 10000) {\n        seq\n        stream\n        line\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestDeploymentLogs($id: ID!, $after: Int) {\n    deployment(id: $id) {\n      id\n      logs(after: $after, limit: 10000) {\n        seq\n        stream\n        line\n      }\n    }\n  }\n"];
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
export function graphql(source: "\n  query RestStatus {\n    systemStatus {\n      status\n      providers {\n        name\n        plugin\n        connected\n      }\n      deployments {\n        total\n        running\n        failed\n        pending\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestStatus {\n    systemStatus {\n      status\n      providers {\n        name\n        plugin\n        connected\n      }\n      deployments {\n        total\n        running\n        failed\n        pending\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestFrameworks { frameworks { id name version language } }\n"): (typeof documents)["\n  query RestFrameworks { frameworks { id name version language } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestProviderHosts {\n    providers {\n      name\n      resources {\n        provider\n        name\n        status\n        cpu {\n          cores\n          usage\n        }\n        memory {\n          total\n          used\n          free\n        }\n        vms {\n          total\n          running\n        }\n        containers {\n          total\n          running\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestProviderHosts {\n    providers {\n      name\n      resources {\n        provider\n        name\n        status\n        cpu {\n          cores\n          usage\n        }\n        memory {\n          total\n          used\n          free\n        }\n        vms {\n          total\n          running\n        }\n        containers {\n          total\n          running\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RestServerFields on Server {\n    id\n    provider\n    nativeId\n    name\n    kind\n    status\n    location\n    cpu\n    memoryMb\n    diskGb\n    ips\n  }\n"): (typeof documents)["\n  fragment RestServerFields on Server {\n    id\n    provider\n    nativeId\n    name\n    kind\n    status\n    location\n    cpu\n    memoryMb\n    diskGb\n    ips\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestServerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query RestListServers($after: String) {\n    servers(first: 500, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...RestServerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RestServerDetails($id: ID!) {\n    server(id: $id) {\n      ...RestServerFields\n      details\n    }\n  }\n"): (typeof documents)["\n  query RestServerDetails($id: ID!) {\n    server(id: $id) {\n      ...RestServerFields\n      details\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation RestDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) {\n      id\n      action\n      status\n      serverId\n      startedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RestDestroy($id: ID!, $confirm: String!) {\n    destroyServer(id: $id, confirm: $confirm) {\n      id\n      action\n      status\n      serverId\n      startedAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;