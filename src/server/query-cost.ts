import {
  Kind,
  type ASTNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql'

/*
 * The cost of a query, by graphql-armor's cost-limit formula (its defaults): a scalar field costs
 * 1, an object field 2 plus 1.5 times each selection under it, and a field with a literal `first`
 * or `last` argument costs that many times as much. Computed here rather than by armor because
 * armor gives only the total: a refusal should say which root field costs the most and how far to
 * bring its `first` down.
 */

const OBJECT_COST = 2
const SCALAR_COST = 1
const DEPTH_COST_FACTOR = 1.5

/** One root field (or root fragment) of an operation and what it costs. */
export interface RootFieldCost {
  /** The response key (alias or field name), or `...Fragment` / `... on Type`. */
  label: string
  node: SelectionNode
  cost: number
  /** The literal `first`/`last` of this root field, when it has one. */
  pageSize: number | null
}

/** The cost of every root selection of `operation`, in order; the total is their sum. */
export function rootFieldCosts(
  operation: OperationDefinitionNode,
  fragments: (name: string) => FragmentDefinitionNode | undefined,
): RootFieldCost[] {
  // Shared by every root field, as in armor: a fragment is costed once, then reused.
  const visitedFragments = new Map<string, number>()

  function pageSizeOf(node: ASTNode): number | null {
    if (node.kind !== Kind.FIELD) return null
    const argument = node.arguments?.find(
      (candidate) => candidate.name.value === 'first' || candidate.name.value === 'last',
    )
    return argument?.value.kind === Kind.INT ? Number.parseInt(argument.value.value, 10) : null
  }

  function costOf(node: SelectionNode | FragmentDefinitionNode): number {
    if (node.kind === Kind.FIELD && node.name.value === '__schema') return 0
    if ('selectionSet' in node && node.selectionSet) {
      let cost = OBJECT_COST
      for (const child of node.selectionSet.selections) cost += DEPTH_COST_FACTOR * costOf(child)
      return cost * Math.max(pageSizeOf(node) ?? 1, 1)
    }
    if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value
      const known = visitedFragments.get(name)
      if (known !== undefined) return SCALAR_COST + DEPTH_COST_FACTOR * known
      visitedFragments.set(name, -1)
      const fragment = fragments(name)
      if (!fragment) return SCALAR_COST
      const fragmentCost = costOf(fragment)
      visitedFragments.set(name, fragmentCost)
      return SCALAR_COST + DEPTH_COST_FACTOR * fragmentCost
    }
    return SCALAR_COST
  }

  return operation.selectionSet.selections.map((node) => ({
    label:
      node.kind === Kind.FIELD
        ? (node.alias?.value ?? node.name.value)
        : node.kind === Kind.FRAGMENT_SPREAD
          ? `...${node.name.value}`
          : `... on ${node.typeCondition?.name.value ?? 'Query'}`,
    node,
    cost: costOf(node),
    pageSize: pageSizeOf(node),
  }))
}
