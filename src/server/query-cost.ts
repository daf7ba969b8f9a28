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
 * bring its `first` down. One difference: a fragment (spread or inline) costs what its fields cost
 * written in its place, where armor counts it as one more level of nesting (×1.5 and a field's
 * cost again), so that naming a selection once, in a fragment, costs a client nothing.
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

  function costOf(node: SelectionNode): number {
    if (node.kind === Kind.FIELD && node.name.value === '__schema') return 0
    if (node.kind === Kind.INLINE_FRAGMENT) return selectionsCost(node.selectionSet.selections)
    if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value
      const known = visitedFragments.get(name)
      if (known !== undefined) return known
      // Guards a cycle, which validation refuses anyway.
      visitedFragments.set(name, 0)
      const fragment = fragments(name)
      const fragmentCost = fragment ? selectionsCost(fragment.selectionSet.selections) : SCALAR_COST
      visitedFragments.set(name, fragmentCost)
      return fragmentCost
    }
    if (node.selectionSet) {
      let cost = OBJECT_COST
      for (const child of node.selectionSet.selections) cost += costOf(child) * factorOf(child)
      return cost * Math.max(pageSizeOf(node) ?? 1, 1)
    }
    return SCALAR_COST
  }

  /** What selections cost in place of a fragment: each field as it would cost written there. */
  function selectionsCost(selections: readonly SelectionNode[]): number {
    let cost = 0
    for (const child of selections) cost += costOf(child) * factorOf(child)
    return cost
  }

  /** A root selection: a field as it is; a fragment, its fields as root fields (`seen` stops a cycle). */
  function rootCost(node: SelectionNode, seen: Set<string>): number {
    if (node.kind === Kind.FIELD) return costOf(node)
    if (node.kind === Kind.FRAGMENT_SPREAD && seen.has(node.name.value)) return 0
    if (node.kind === Kind.FRAGMENT_SPREAD) seen.add(node.name.value)
    const selections =
      node.kind === Kind.INLINE_FRAGMENT
        ? node.selectionSet.selections
        : fragments(node.name.value)?.selectionSet.selections
    if (!selections) return SCALAR_COST
    let cost = 0
    for (const child of selections) cost += rootCost(child, seen)
    return cost
  }

  /** A field one level down costs 1.5 times as much; a fragment's fields carry their own factor. */
  const factorOf = (node: SelectionNode) => (node.kind === Kind.FIELD ? DEPTH_COST_FACTOR : 1)

  return operation.selectionSet.selections.map((node) => ({
    label:
      node.kind === Kind.FIELD
        ? (node.alias?.value ?? node.name.value)
        : node.kind === Kind.FRAGMENT_SPREAD
          ? `...${node.name.value}`
          : `... on ${node.typeCondition?.name.value ?? 'Query'}`,
    node,
    cost: rootCost(node, new Set()),
    pageSize: pageSizeOf(node),
  }))
}
