import { getArgumentValues, getNamedType, getOperationAST, Kind, type DocumentNode, type GraphQLSchema } from 'graphql'

/** One root field of a mutation request, as the audit log records it. */
export interface MutationCall {
  responseKey: string
  action: string
  target: string | null
  /** The field answers an object with an `id` worth recording as the operation started. */
  returnsOperation: boolean
}

/** The object an action is about: a server or operation id, else a name. */
function targetOf(args: Record<string, unknown>): string | null {
  const input = args.input as Record<string, unknown> | undefined
  const value = args.id ?? args.name ?? input?.name ?? input?.githubUrl
  return value === undefined || value === null ? null : String(value)
}

/** The root fields of the request's operation when it is a mutation, with their arguments. */
export function mutationCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): MutationCall[] {
  const operation = getOperationAST(document, operationName)
  const mutationType = schema.getMutationType()
  if (operation?.operation !== 'mutation' || !mutationType) return []
  const calls: MutationCall[] = []
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue
    const field = mutationType.getFields()[selection.name.value]
    if (!field) continue
    let args: Record<string, unknown> = {}
    try {
      args = getArgumentValues(field, selection, variables)
    } catch {
      // Arguments that do not coerce fail the request anyway; record the action without a target.
    }
    calls.push({
      responseKey: selection.alias?.value ?? selection.name.value,
      action: selection.name.value,
      target: targetOf(args),
      returnsOperation: getNamedType(field.type).name === 'Operation',
    })
  }
  return calls
}
