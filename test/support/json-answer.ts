/**
 * A JSON answer (GraphQL `data`, a REST body, an SSE event) as a test reads it: by path, in
 * assertions that are what pins its shape.
 */
// biome-ignore lint/suspicious/noExplicitAny: read by path in assertions, which are what check its shape
export type JsonAnswer = Record<string, any>
