import SchemaBuilder from '@pothos/core'
import { DateTimeResolver, JSONResolver } from 'graphql-scalars'
import type { GatewayContext } from './context.js'

/** The one Pothos builder; every `src/schema/<type>.ts` adds its type and fields to it. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext
  DefaultFieldNullability: false
  Scalars: {
    DateTime: { Input: Date; Output: Date }
    JSON: { Input: unknown; Output: unknown }
  }
}>({
  defaultFieldNullability: false,
})

builder.addScalarType('DateTime', DateTimeResolver)
builder.addScalarType('JSON', JSONResolver)

builder.queryType({})
builder.mutationType({})
builder.subscriptionType({})
