import { useEffect, useId, useState } from 'preact/hooks'
import { DeploymentVariables, SetDeploymentVariables } from '../documents.js'
import type { DeploymentStatus } from '../gql/graphql.js'
import { request } from '../graphql-request.js'
import { useNotify } from '../toasts.js'

type Variable = { key: string; value?: string | null; secret: boolean; updatedAt: string }

const button = 'rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50'
const input = 'rounded-md border border-slate-400 px-2 py-1 text-sm'

/**
 * A deployment's variables: each key with its value, a secret's shown as "secret" only (the
 * gateway never sends it back). An operator adds, changes and removes them; a running app is
 * built again with them unless "Redeploy" is unticked.
 */
export function VariablesPanel({
  id,
  editable,
  refreshKey,
  onStarted,
}: {
  id: string
  editable: boolean
  refreshKey: unknown
  onStarted: (deployment: { status: DeploymentStatus; step?: string | null }) => void
}) {
  const notify = useNotify()
  const [variables, setVariables] = useState<Variable[]>()
  const [key, setKey] = useState('')
  const [value, setValue] = useState('')
  const [secret, setSecret] = useState(false)
  const [redeploy, setRedeploy] = useState(true)
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string>()
  const valueId = useId()

  useEffect(() => {
    let current = true
    request(DeploymentVariables, { id })
      .then((answer) => current && setVariables(answer.deployment?.variables ?? []))
      .catch(() => current && setVariables([]))
    return () => {
      current = false
    }
  }, [id, refreshKey])

  const change = async (set: { key: string; value: string; secret: boolean }[], unset: string[]) => {
    setBusy(true)
    setRefusal(undefined)
    try {
      const { setDeploymentVariables } = await request(SetDeploymentVariables, { id, variables: set, unset, redeploy })
      setVariables(setDeploymentVariables.variables)
      onStarted(setDeploymentVariables)
      setKey('')
      setValue('')
      setSecret(false)
      notify(
        'success',
        redeploy && setDeploymentVariables.step ? 'Saved; a new release is being built with them.' : 'Saved.',
      )
    } catch (error) {
      // The gateway names the field and never repeats a value.
      setRefusal((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div>
      {variables === undefined ? (
        <p class="text-sm text-slate-700">Loading…</p>
      ) : variables.length === 0 ? (
        <p class="text-sm text-slate-700">No variables.</p>
      ) : (
        <table
          aria-label="Variables"
          class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-left text-sm"
        >
          <thead class="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" class="px-3 py-2">
                Key
              </th>
              <th scope="col" class="px-3 py-2">
                Value
              </th>
              {editable && (
                <th scope="col" class="px-3 py-2">
                  <span class="sr-only">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {variables.map((variable) => (
              <tr key={variable.key} data-variable={variable.key} class="border-t border-slate-200">
                <td class="px-3 py-2 font-mono">{variable.key}</td>
                <td class="px-3 py-2 font-mono break-all">
                  {variable.secret ? (
                    <span class="rounded bg-slate-200 px-1.5 py-0.5 font-sans text-xs text-slate-800">secret</span>
                  ) : (
                    variable.value
                  )}
                </td>
                {editable && (
                  <td class="px-3 py-2 text-right">
                    <button
                      type="button"
                      class={`${button} border border-slate-400 text-slate-800`}
                      disabled={busy}
                      onClick={() => void change([], [variable.key])}
                      aria-label={`Remove ${variable.key}`}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form
          class="mt-3 flex flex-wrap items-end gap-3"
          aria-label="Set a variable"
          onSubmit={(event) => {
            event.preventDefault()
            void change([{ key: key.trim(), value, secret }], [])
          }}
        >
          <label class="flex flex-col text-sm">
            Key
            <input
              class={`${input} font-mono`}
              name="key"
              value={key}
              required
              pattern="[A-Z_][A-Z0-9_]*"
              onInput={(event) => setKey((event.target as HTMLInputElement).value)}
            />
          </label>
          <label class="flex flex-col text-sm" for={valueId}>
            Value
            {secret ? (
              <input
                id={valueId}
                class={`${input} font-mono`}
                name="value"
                type="password"
                autocomplete="off"
                value={value}
                onInput={(event) => setValue((event.target as HTMLInputElement).value)}
              />
            ) : (
              <input
                id={valueId}
                class={`${input} font-mono`}
                name="value"
                type="text"
                autocomplete="off"
                value={value}
                onInput={(event) => setValue((event.target as HTMLInputElement).value)}
              />
            )}
          </label>
          <label class="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              name="secret"
              checked={secret}
              onChange={(event) => setSecret((event.target as HTMLInputElement).checked)}
            />{' '}
            Secret (write-only)
          </label>
          <label class="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              name="redeploy"
              checked={redeploy}
              onChange={(event) => setRedeploy((event.target as HTMLInputElement).checked)}
            />{' '}
            Redeploy
          </label>
          <button type="submit" class={`${button} bg-blue-700 text-white`} disabled={busy}>
            Save variable
          </button>
        </form>
      )}
      {refusal && (
        <p role="alert" class="mt-2 text-sm text-red-800">
          {refusal}
        </p>
      )}
    </div>
  )
}
