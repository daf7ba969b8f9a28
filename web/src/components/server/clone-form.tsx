import { useEffect, useId, useState } from 'preact/hooks'
import { CloneLocations, CloneServer } from '../../documents.js'
import type { StartedOperation } from '../../follow-operation.js'
import type { DashboardServerQuery } from '../../gql/graphql.js'
import { request } from '../../graphql-request.js'
import { controlClass, fieldOf, FormField, submitClass } from '../form-field.js'

type Server = NonNullable<DashboardServerQuery['server']>

/** Options of {@link CloneForm}. */
export interface CloneFormProps {
  server: Server
  busy: boolean
  /** Runs the clone and answers the ended operation's server (the copy), if it succeeded. */
  act: (
    words: { attempt: string; success: string },
    start: () => Promise<StartedOperation>,
  ) => Promise<string | null | undefined>
  /** Called with the copy's id once it is made. */
  onCloned: (id: string) => void
}

type Field = 'name' | 'location' | 'cpu' | 'memoryMb' | 'form'

/** Copies a server under a new name, optionally to another location and with other sizes. */
export function CloneForm({ server, busy, act, onCloned }: CloneFormProps) {
  const [locations, setLocations] = useState<{ id: string; name: string }[]>([])
  const [name, setName] = useState(`${server.name}-copy`)
  const [location, setLocation] = useState('')
  const [cpu, setCpu] = useState('')
  const [memoryMb, setMemoryMb] = useState('')
  const [powerOn, setPowerOn] = useState(true)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const powerId = useId()
  useEffect(() => {
    request(CloneLocations, { provider: server.provider })
      .then((answer) => setLocations(answer.catalog.locations))
      .catch(() => setLocations([]))
  }, [server.provider])

  const submit = async (event: Event) => {
    event.preventDefault()
    setErrors({})
    const sizes: { cpu?: number; memoryMb?: number } = {}
    for (const [field, text] of [
      ['cpu', cpu],
      ['memoryMb', memoryMb],
    ] as const) {
      if (!text.trim()) continue
      if (!/^[1-9]\d*$/.test(text.trim())) return setErrors({ [field]: 'a whole number above 0' })
      sizes[field] = Number(text.trim())
    }
    const copy = await act(
      { attempt: `clone ${server.name}`, success: `${server.name} copied to ${name}.` },
      async () => {
        try {
          return (
            await request(CloneServer, {
              id: server.id,
              input: { name, location: location || null, powerOn, ...sizes },
            })
          ).cloneServer
        } catch (error) {
          const { field, text } = fieldOf((error as Error).message)
          const known = field?.replace(/^input\./, '') as Field | undefined
          setErrors(
            known && ['name', 'location', 'cpu', 'memoryMb'].includes(known)
              ? { [known]: text }
              : { form: (error as Error).message },
          )
          throw error
        }
      },
    )
    if (copy && copy !== server.id) onCloned(copy)
  }

  return (
    <form onSubmit={submit} aria-label={`Clone ${server.name}`} class="grid gap-3 sm:grid-cols-3">
      <FormField label="Name of the copy" error={errors.name}>
        {(control) => (
          <input
            {...control}
            required
            class={controlClass}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        )}
      </FormField>
      <FormField label="Location" error={errors.location}>
        {(control) => (
          <select
            {...control}
            class={controlClass}
            value={location}
            onChange={(event) => setLocation(event.currentTarget.value)}
          >
            <option value="">
              Same as {server.name} ({server.location ?? 'unknown'})
            </option>
            {locations.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name === entry.id ? entry.id : `${entry.name} (${entry.id})`}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div class="flex items-end gap-2 pb-1.5">
        <input
          id={powerId}
          type="checkbox"
          checked={powerOn}
          onChange={(event) => setPowerOn(event.currentTarget.checked)}
        />
        <label for={powerId} class="text-sm">
          Start the copy
        </label>
      </div>
      <FormField label="CPU cores (same when empty)" error={errors.cpu}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            class={controlClass}
            value={cpu}
            onInput={(event) => setCpu(event.currentTarget.value)}
          />
        )}
      </FormField>
      <FormField label="Memory MB (same when empty)" error={errors.memoryMb}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={128}
            class={controlClass}
            value={memoryMb}
            onInput={(event) => setMemoryMb(event.currentTarget.value)}
          />
        )}
      </FormField>
      <div class="flex items-end">
        <button type="submit" class={submitClass} disabled={busy || !name.trim()}>
          Clone
        </button>
      </div>
      {errors.form && (
        <p role="alert" class="text-sm text-red-800 sm:col-span-3">
          {errors.form}
        </p>
      )}
    </form>
  )
}
