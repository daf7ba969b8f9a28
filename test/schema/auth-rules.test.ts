import type { GraphQLObjectType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { schema } from '../../src/schema/index.js'

/** Root fields, each with the auth scopes declared on it (Pothos keeps field options in extensions). */
function rootFields(): { coordinate: string; scopes: unknown }[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    Boolean,
  ) as GraphQLObjectType[]
  return roots.flatMap((type) =>
    Object.values(type.getFields()).map((field) => ({
      coordinate: `${type.name}.${field.name}`,
      scopes: (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes,
    })),
  )
}

describe('authorization rules on the schema', () => {
  it('declares a role on every query, mutation and subscription field, so none is left open by mistake', () => {
    const missing = rootFields()
      .filter((field) => field.scopes === undefined)
      .map((field) => field.coordinate)
    expect(missing).toEqual([])
  })

  it(
    'lets viewers read, operators act on power and take snapshots, ' +
      'and only admins destroy, roll back or delete snapshots, or manage tokens',
    () => {
      const scopes = Object.fromEntries(rootFields().map((field) => [field.coordinate, field.scopes]))
      expect(scopes['Query.servers']).toEqual({ viewer: true })
      expect(scopes['Subscription.operation']).toEqual({ viewer: true })
      expect(scopes['Mutation.stopServer']).toEqual({ operator: true })
      expect(scopes['Mutation.destroyServer']).toEqual({ admin: true })
      expect(scopes['Mutation.createSnapshot']).toEqual({ operator: true })
      expect(scopes['Mutation.rollbackSnapshot']).toEqual({ admin: true })
      expect(scopes['Mutation.deleteSnapshot']).toEqual({ admin: true })
      expect(scopes['Mutation.createApiToken']).toEqual({ admin: true })
      expect(scopes['Query.auditLog']).toEqual({ admin: true })
    },
  )
})
