/**
 * Standard Schema v1 (https://standardschema.dev), the interface zod, Valibot, ArkType and others
 * implement. A plugin's `optionsSchema` is any such schema, so a plugin is not tied to the zod
 * version Hangar uses. The spec asks implementers to copy these types rather than depend on a
 * package for them.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>
    readonly types?: Types<Input, Output> | undefined
  }

  type Result<Output> = SuccessResult<Output> | FailureResult

  interface SuccessResult<Output> {
    readonly value: Output
    readonly issues?: undefined
  }

  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>
  }

  interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined
  }

  interface PathSegment {
    readonly key: PropertyKey
  }

  interface Types<Input = unknown, Output = Input> {
    readonly input: Input
    readonly output: Output
  }

  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input']
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output']
}

/** A validation that failed: its issues, each with the path as plain keys. */
export interface SchemaIssue {
  message: string
  path: PropertyKey[]
}

/** What {@link validateWith} answers. */
export type Validated<Output> = { ok: true; value: Output } | { ok: false; issues: SchemaIssue[] }

/** Runs any Standard Schema, sync or async, and gives its issues with plain-key paths. */
export async function validateWith<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
): Promise<Validated<Output>> {
  const result = await schema['~standard'].validate(value)
  if (!result.issues) return { ok: true, value: result.value }
  return {
    ok: false,
    issues: result.issues.map((issue) => ({
      message: issue.message,
      path: (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment)),
    })),
  }
}

/**
 * Formats validation issues (zod's, a Standard Schema's) as `FIELD: problem` lines, naming fields by `nameOf(path)`.
 */
export function describeIssues(
  error: { readonly issues: readonly { message: string; path: PropertyKey[] }[] },
  nameOf: (path: PropertyKey[]) => string,
): string {
  return error.issues.map((issue) => `${nameOf(issue.path)}: ${issue.message}`).join('; ')
}

/** Whether `value` looks like a Standard Schema (a plugin's options schema is checked with this). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } } | null)?.['~standard']
  return props?.version === 1 && typeof props.validate === 'function'
}
