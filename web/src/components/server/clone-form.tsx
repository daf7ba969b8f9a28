import { useId, useState } from 'preact/hooks'
import { CloneLocations, CloneServer } from '../../documents.js'
import type { StartedOperation } from '../../follow-operation.js'
import type { DashboardServerQuery } from '../../gql/graphql.js'
import { request } from '../../graphql-request.js'
import { useLoaded } from '../../use-loaded.js'
import { FormError } from '../form-error.js'
import { fieldOf, submitClass } from '../form-field.js'
import { SelectField } from '../select-field.js'
import { TextField } from '../text-field.js'

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
type Size = 'cpu' | 'memoryMb'

/** The sizes a copy may change, each with its label and smallest value. */
const SIZES: readonly { size: Size; label: string; min: number }[] = [
  { size: 'cpu', label: 'CPU cores (same when empty)', min: 1 },
  { size: 'memoryMb', label: 'Memory MB (same when empty)', min: 128 },
]

/** Copies a server under a new name, optionally to another location and with other sizes. */
export function CloneForm({ server, busy, act, onCloned }: CloneFormProps) {
  const [name, setName] = useState(`${server.name}-copy`)
  const [location, setLocation] = useState('')
  const [sizeTexts, setSizeTexts] = useState<Record<Size, string>>({ cpu: '', memoryMb: '' })
  const [powerOn, setPowerOn] = useState(true)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const powerId = useId()
  const locationRead = useLoaded(
    () => request(CloneLocations, { provider: server.provider }).then((answer) => answer.catalog.locations),
    [server.provider],
  )
  // Until they are read, or when they cannot be, only "Same as" the server is offered.
  const locations = (!locationRead.failure && locationRead.value) || []

  const submit = async (event: Event) => {
    event.preventDefault()
    setErrors({})
    const sizes: Partial<Record<Size, number>> = {}
    for (const { size } of SIZES) {
      const text = sizeTexts[size].trim()
      if (!text) continue
      if (!/^[1-9]\d*$/.test(text)) return setErrors({ [size]: 'a whole number above 0' })
      sizes[size] = Number(text)
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
      <TextField label="Name of the copy" error={errors.name} required value={name} onValue={setName} />
      <SelectField label="Location" error={errors.location} value={location} onValue={setLocation}>
        <option value="">
          Same as {server.name} ({server.location ?? 'unknown'})
        </option>
        {locations.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name === entry.id ? entry.id : `${entry.name} (${entry.id})`}
          </option>
        ))}
      </SelectField>
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
      {SIZES.map(({ size, label, min }) => (
        <TextField
          key={size}
          label={label}
          error={errors[size]}
          type="number"
          min={min}
          value={sizeTexts[size]}
          onValue={(value) => setSizeTexts((all) => ({ ...all, [size]: value }))}
        />
      ))}
      <div class="flex items-end">
        <button type="submit" class={submitClass} disabled={busy || !name.trim()}>
          Clone
        </button>
      </div>
      <FormError message={errors.form} class="sm:col-span-3" />
    </form>
  )
}
