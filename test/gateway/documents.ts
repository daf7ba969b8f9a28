import { graphql } from '../gql/index.js'

/** The operations the gateway tests send, typed by codegen from schema.graphql. */
export const ServersPageEnds = graphql(`
  query ServersPageEnds($first: Int, $after: String) {
    servers(first: $first, after: $after) {
      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
      edges { cursor }
    }
  }
`)

export const ServersPage = graphql(`
  query ServersPage($first: Int, $after: String, $provider: String, $status: ServerStatus, $search: String) {
    servers(first: $first, after: $after, provider: $provider, status: $status, search: $search) {
      totalCount
      unavailableProviders
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id } }
      nodes { id provider nativeId name kind status location cpu memoryMb diskGb ips }
    }
  }
`)

export const ServerDetails = graphql(`
  query ServerDetails($id: ID!) {
    server(id: $id) { id name kind status location cpu memoryMb diskGb ips details }
  }
`)

export const ServerOperations = graphql(`
  query ServerOperations($id: ID!, $first: Int) {
    server(id: $id) { operations(first: $first) { id action status serverId logs } }
  }
`)

export const Providers = graphql(`
  query Providers { providers { name plugin connected error capabilities } }
`)

export const Resources = graphql(`
  query Resources($provider: String) {
    resources(provider: $provider) {
      provider name status
      cpu { cores usage }
      memory { total used free }
      vms { total running }
      containers { total running }
    }
  }
`)

export const StartServer = graphql(`
  mutation StartServer($id: ID!, $wait: Boolean) {
    startServer(id: $id, wait: $wait) {
      id provider action status serverId startedAt finishedAt error logs server { id status }
    }
  }
`)

export const StopServer = graphql(`
  mutation StopServer($id: ID!, $wait: Boolean) {
    stopServer(id: $id, wait: $wait) {
      id provider action status serverId startedAt finishedAt error logs server { id status }
    }
  }
`)

export const RebootServer = graphql(`
  mutation RebootServer($id: ID!, $wait: Boolean) {
    rebootServer(id: $id, wait: $wait) {
      id provider action status serverId startedAt finishedAt error logs server { id status }
    }
  }
`)

export const DestroyServer = graphql(`
  mutation DestroyServer($id: ID!, $confirm: String!, $wait: Boolean) {
    destroyServer(id: $id, confirm: $confirm, wait: $wait) { id action status serverId finishedAt error logs }
  }
`)

export const OperationById = graphql(`
  query OperationById($id: ID!) {
    operation(id: $id) { id provider action status serverId startedAt finishedAt error logs }
  }
`)

export const WatchOperation = graphql(`
  subscription WatchOperation($id: ID!) {
    operation(id: $id) { id status logs error }
  }
`)
