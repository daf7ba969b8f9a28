import { useState } from 'preact/hooks'
import { ResizeServer } from '../../documents.js'
import type { StartedOperation } from '../../follow-operation.js'
import type { DashboardServerQuery } from '../../gql/graphql.js'
import { request } from '../../graphql-request.js'
import { FormError } from '../form-error.js'
import { fieldOf, submitClass } from '../form-field.js'
import { TextField } from '../text-field.js'

type Server = NonNullable<DashboardServerQuery['server']>
type Size = 'cpu' | 'memoryMb' | 'diskGb'

const LABELS: Record<Size, string> = { cpu: 'CPU cores', memoryMb: 'Memory (MB)', diskGb: 'Disk (GB)' }

/** Options of {@link ResizeForm}. */
export interface ResizeFormProps {
  server: Server
  busy: boolean
  /** Runs one operation and answers whether it succeeded. */
  act: (words: { attempt: string; success: string }, start: () => Promise<StartedOperation>) => Promise<boolean>
}

/**
 * Changes a server's cores, memory or disk: every size changed is sent as its own `resizeServer`
 * (the gateway takes one per call), one after the other; a disk only grows.
 */
export function ResizeForm({ server, busy, act }: ResizeFormProps) {
  const current: Record<Size, number | null | undefined> = {
    cpu: server.cpu,
    memoryMb: server.memoryMb,
    diskGb: server.diskGb,
  }
  const [values, setValues] = useState<Record<Size, string>>({
    cpu: String(server.cpu ?? ''),
    memoryMb: String(server.memoryMb ?? ''),
    diskGb: String(server.diskGb ?? ''),
  })
  const [errors, setErrors] = useState<Partial<Record<Size | 'form', string>>>({})
  const changed = (Object.keys(values) as Size[]).filter(
    (size) => values[size].trim() !== '' && values[size].trim() !== String(current[size] ?? ''),
  )

  const submit = async (event: Event) => {
    event.preventDefault()
    setErrors({})
    for (const size of changed) {
      const text = values[size].trim()
      if (!/^[1-9]\d*$/.test(text)) {
        setErrors({ [size]: 'a whole number above 0' })
        return
      }
      const ok = await act(
        {
          attempt: `change ${LABELS[size].toLowerCase()} of ${server.name}`,
          success: `${server.name}: ${LABELS[size].toLowerCase()} now ${text}.`,
        },
        async () => {
          try {
            return (await request(ResizeServer, { id: server.id, input: { [size]: Number(text) } })).resizeServer
          } catch (error) {
            const { field, text: why } = fieldOf((error as Error).message)
            setErrors(field === `input.${size}` ? { [size]: why } : { form: (error as Error).message })
            throw error
          }
        },
      )
      if (!ok) return
    }
  }

  return (
    <form onSubmit={submit} aria-label={`Resize ${server.name}`} class="grid gap-3 sm:grid-cols-4 sm:items-start">
      {(Object.keys(LABELS) as Size[]).map((size) => (
        <TextField
          key={size}
          label={LABELS[size]}
          error={errors[size]}
          hint={size === 'diskGb' ? 'Disks only grow.' : undefined}
          type="number"
          min={1}
          inputMode="numeric"
          value={values[size]}
          onValue={(value) => setValues((all) => ({ ...all, [size]: value }))}
        />
      ))}
      <div class="sm:pt-5">
        <button type="submit" class={submitClass} disabled={busy || changed.length === 0}>
          Resize
        </button>
      </div>
      <FormError message={errors.form} class="sm:col-span-4" />
    </form>
  )
}
