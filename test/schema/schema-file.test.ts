import { readFileSync } from 'node:fs'
import { buildSchema, findBreakingChanges } from 'graphql'
import { describe, expect, it } from 'vitest'
import { printedSchema } from '../../scripts/print-schema.js'

const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8')

describe('schema.graphql', () => {
  it('is what the Pothos builder prints (run `npm run schema:print` after changing the schema)', () => {
    expect(committed).toBe(printedSchema())
  })

  it('keeps every name CONTRACT.md fixes', () => {
    const schema = buildSchema(committed)
    const fields = (type: string) => Object.keys((schema.getType(type) as { getFields(): object }).getFields())
    expect(fields('Query')).toEqual(
      expect.arrayContaining(['providers', 'servers', 'server', 'resources', 'operation']),
    )
    expect(fields('Mutation')).toEqual(
      expect.arrayContaining(['startServer', 'stopServer', 'rebootServer', 'destroyServer']),
    )
    expect(fields('Subscription')).toEqual(expect.arrayContaining(['operation']))
    expect(fields('Server')).toEqual(
      expect.arrayContaining([
        'id',
        'provider',
        'nativeId',
        'name',
        'kind',
        'status',
        'location',
        'cpu',
        'memoryMb',
        'diskGb',
        'ips',
        'details',
      ]),
    )
    expect(fields('Operation')).toEqual(
      expect.arrayContaining([
        'id',
        'provider',
        'action',
        'status',
        'server',
        'startedAt',
        'finishedAt',
        'error',
        'logs',
      ]),
    )
    expect(fields('ServerConnection')).toEqual(expect.arrayContaining(['edges', 'nodes', 'pageInfo', 'totalCount']))
    expect(fields('Resource')).toEqual(
      expect.arrayContaining(['provider', 'name', 'status', 'cpu', 'memory', 'vms', 'containers']),
    )
  })

  it("matches the contract's signatures for the fixed fields (no breaking change against it)", () => {
    const contract = buildSchema(`
      scalar DateTime
      scalar JSON
      enum ServerStatus { RUNNING STOPPED PAUSED PROVISIONING UNKNOWN }
      enum ServerKind { VM CONTAINER }
      enum OperationStatus { PENDING RUNNING SUCCEEDED FAILED }
      type Provider { name: String! plugin: String! connected: Boolean! error: String capabilities: [String!]! }
      type Server {
        id: ID! provider: String! nativeId: String! name: String! kind: ServerKind! status: ServerStatus!
        location: String cpu: Int memoryMb: Int diskGb: Int ips: [String!]! details: JSON!
      }
      type PageInfo { hasNextPage: Boolean! endCursor: String }
      type ServerEdge { cursor: String! node: Server! }
      type ServerConnection { edges: [ServerEdge!]! nodes: [Server!]! pageInfo: PageInfo! totalCount: Int! }
      type GuestCount { total: Int! running: Int! }
      type CpuUsage { cores: Int usage: Float }
      type MemoryUsage { total: Float used: Float free: Float }
      type Resource {
        provider: String! name: String! status: String! cpu: CpuUsage! memory: MemoryUsage! vms: GuestCount!
        containers: GuestCount!
      }
      type Operation {
        id: ID! provider: String! action: String! status: OperationStatus! server: Server startedAt: DateTime!
        finishedAt: DateTime error: String logs: [String!]!
      }
      type Query {
        providers: [Provider!]!
        servers(provider: String, status: ServerStatus, search: String, first: Int, after: String): ServerConnection!
        server(id: ID!): Server
        resources(provider: String): [Resource!]!
        operation(id: ID!): Operation
      }
      type Mutation {
        startServer(id: ID!, wait: Boolean = false): Operation!
        stopServer(id: ID!, wait: Boolean = false): Operation!
        rebootServer(id: ID!, wait: Boolean = false): Operation!
        destroyServer(id: ID!, confirm: String!, wait: Boolean = false): Operation!
      }
      type Subscription { operation(id: ID!): Operation! }
    `)
    expect(findBreakingChanges(contract, buildSchema(committed))).toEqual([])
  })
})
