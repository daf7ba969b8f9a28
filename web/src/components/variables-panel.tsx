import { useId, useState } from 'preact/hooks'
import { DeploymentVariables, SetDeploymentVariables } from '../documents.js'
import { request } from '../graphql-request.js'
import { useNotify } from '../toasts.js'
import { buttonClass } from './button-class.js'
import { Checkbox } from './checkbox.js'
import type { DeploymentPanelProps } from './deployment-panel.js'
import { useLoaded } from '../use-loaded.js'
import { LoadedView } from './loaded-view.js'
import { PanelTable } from './panel-table.js'
import { FormError } from './form-error.js'

type Variable = { key: string; value?: string | null; secret: boolean; updatedAt: string }

const input = 'rounded-md border border-slate-400 px-2 py-1 text-sm'

/**
 * A deployment's variables: each key with its value, a secret's shown as "secret" only (the
 * gateway never sends it back). An operator adds, changes and removes them; a running app is
 * built again with them unless "Redeploy" is unticked.
 */
export function VariablesPanel({ id, editable, refreshKey, onStarted }: DeploymentPanelProps) {
  const notify = useNotify()
  const [key, setKey] = useState('')
  const [value, setValue] = useState('')
  const [secret, setSecret] = useState(false)
  const [redeploy, setRedeploy] = useState(true)
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string>()
  const valueId = useId()

  // A list that cannot be read shows as empty: the deployment's page says what went wrong.
  const { value: variables, setValue: setVariables } = useLoaded<Variable[]>(
    () =>
      request(DeploymentVariables, { id })
        .then((answer) => answer.deployment?.variables ?? [])
        .catch(() => []),
    [id, refreshKey],
  )

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
      <LoadedView value={variables} empty="No variables.">
        {(variables) => (
          <PanelTable label="Variables" titles={['Key', 'Value']} actionsTitle={editable ? 'Remove' : undefined}>
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
                      class={`${buttonClass} border border-slate-400 text-slate-800`}
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
          </PanelTable>
        )}
      </LoadedView>
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
            <input
              id={valueId}
              class={`${input} font-mono`}
              name="value"
              // A secret's value is not shown as it is typed.
              {...(secret ? { type: 'password' as const } : { type: 'text' as const })}
              autocomplete="off"
              value={value}
              onInput={(event) => setValue((event.target as HTMLInputElement).value)}
            />
          </label>
          <Checkbox name="secret" checked={secret} onChange={setSecret}>
            Secret (write-only)
          </Checkbox>
          <Checkbox name="redeploy" checked={redeploy} onChange={setRedeploy}>
            Redeploy
          </Checkbox>
          <button type="submit" class={`${buttonClass} bg-blue-700 text-white`} disabled={busy}>
            Save variable
          </button>
        </form>
      )}
      <FormError message={refusal} class="mt-2" />
    </div>
  )
}
