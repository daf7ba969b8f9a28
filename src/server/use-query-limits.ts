import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor'
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { MAX_PAGE_SIZE } from '../schema/page-info.js'
import { rootFieldCosts } from './query-cost.js'

/** Options of {@link useQueryLimits}. */
export interface QueryLimitsOptions {
  maxDepth: number
  maxAliases: number
  maxTokens: number
  maxCost: number
  maxDirectives: number
  /** No "Did you mean ...?" in validation errors (production). */
  blockFieldSuggestion: boolean
}

/** Which limit refused a query, in `extensions.limit`. */
type LimitName = 'depth' | 'aliases' | 'tokens' | 'cost' | 'directives'

function limitError(
  limit: LimitName,
  max: number,
  found: number | null,
  message: string,
  nodes?: GraphQLError['nodes'],
): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: 'BAD_USER_INPUT', limit, max, ...(found === null ? {} : { found }) },
  })
}

/** The count armor found, from its message ("..., found 16."): it has no other way to tell. */
const foundIn = (error: GraphQLError): number | null => {
  const found = /found (\d+)/.exec(error.message)?.[1]
  return found === undefined ? null : Number(found)
}

/** Reports a refusal in words that say the limit and what to change, instead of armor's "Syntax Error: ...". */
function reportAs(describe: (found: number | null) => GraphQLError) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const friendly = describe(foundIn(error))
    // Parser-level limits (tokens) have no validation context: the parse fails with this error.
    if (!context) throw friendly
    context.reportError(friendly)
  }
}

/**
 * Refuses a query whose cost (see `query-cost.ts`) is over `maxCost`, naming the root field that
 * costs the most and, when it has a literal `first`, the largest `first` that would fit.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const costs = rootFieldCosts(operation, (name) => context.getFragment(name) ?? undefined)
      const total = costs.reduce((sum, field) => sum + field.cost, 0)
      if (total <= maxCost) return
      const costliest = costs.reduce((most, field) => (field.cost > most.cost ? field : most))
      const others = total - costliest.cost
      // A field's cost is proportional to its `first`, so this is the largest page that fits.
      const fits = costliest.pageSize
        ? Math.min(Math.floor(((maxCost - others) / costliest.cost) * costliest.pageSize), MAX_PAGE_SIZE)
        : 0
      const advice =
        fits >= 1
          ? `ask for fewer items (first ≤ ${fits}) or fewer fields`
          : 'ask for fewer items or fewer fields, or split it into several queries'
      const found = Math.ceil(total)
      context.reportError(
        limitError(
          'cost',
          maxCost,
          found,
          `${costliest.label}: the query's cost is ${found}, over the limit of ${maxCost}; ${advice}`,
          [costliest.node],
        ),
      )
    },
  })
}

/**
 * graphql-armor's depth, alias, token and directive limits, and Hangar's cost limit, each refused
 * with BAD_USER_INPUT (HTTP 400, as any invalid query), `extensions.limit`, `max` and `found`, and a message that says
 * the limit and what to change.
 */
export function useQueryLimits({
  maxDepth,
  maxAliases,
  maxTokens,
  maxCost,
  maxDirectives,
  blockFieldSuggestion,
}: QueryLimitsOptions): Plugin[] {
  const armor = EnvelopArmorPlugin({
    maxDepth: {
      n: maxDepth,
      propagateOnRejection: false,
      onReject: [
        reportAs((found) =>
          limitError(
            'depth',
            maxDepth,
            found,
            `the query nests fields ${found ?? 'too many'} levels deep, over the limit of ${maxDepth}; select fewer ` +
              `nested levels`,
          ),
        ),
      ],
    },
    maxAliases: {
      n: maxAliases,
      propagateOnRejection: false,
      onReject: [
        reportAs((found) =>
          limitError(
            'aliases',
            maxAliases,
            found,
            `the query has ${found ?? 'too many'} aliases, over the limit of ${maxAliases}; use fewer aliases, or ` +
              `split it into several queries`,
          ),
        ),
      ],
    },
    maxTokens: {
      n: maxTokens,
      onReject: [
        reportAs(() =>
          limitError(
            'tokens',
            maxTokens,
            null,
            `the query has more than ${maxTokens} tokens (names, punctuation and values), over the limit; send a ` +
              `shorter query, and pass long values as variables`,
          ),
        ),
      ],
    },
    maxDirectives: {
      n: maxDirectives,
      propagateOnRejection: false,
      onReject: [
        reportAs((found) =>
          limitError(
            'directives',
            maxDirectives,
            found,
            `the query has ${found ?? 'too many'} directives, over the limit of ${maxDirectives}; use fewer ` +
              `directives, or split it into several queries`,
          ),
        ),
      ],
    },
    // Hangar's own rule below, which can say which field to change.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: blockFieldSuggestion },
  })
  const cost: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(costLimitRule(maxCost))
    },
  }
  return [armor as Plugin, cost]
}
