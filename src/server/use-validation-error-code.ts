import type { Plugin } from 'graphql-yoga'

/**
 * Gives validation errors (unknown fields, wrong literal types) the contract's BAD_USER_INPUT code
 * instead of Yoga's GRAPHQL_VALIDATION_FAILED, so clients handle one code for "fix your request".
 * Validation errors never reach `maskError`, hence a hook of their own.
 */
export function useValidationErrorCode(): Plugin {
  return {
    onValidate() {
      return ({ valid, result }) => {
        if (valid) return
        for (const error of result) {
          const extensions = error.extensions as Record<string, unknown>
          extensions.code = 'BAD_USER_INPUT'
        }
      }
    },
  }
}
