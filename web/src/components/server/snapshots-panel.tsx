import { useState } from 'preact/hooks'
import { useCan } from '../../caller.js'
import { CreateSnapshot, DeleteSnapshot, RollbackSnapshot, ServerSnapshots } from '../../documents.js'
import type { StartedOperation } from '../../follow-operation.js'
import type { DashboardServerQuery, DashboardSnapshotsQuery } from '../../gql/graphql.js'
import { request } from '../../graphql-request.js'
import { useLoaded } from '../../use-loaded.js'
import { Checkbox } from '../checkbox.js'
import { ConfirmDialog } from '../confirm-dialog.js'
import { TableHead } from '../table-head.js'
import { FormError } from '../form-error.js'
import { fieldOf, submitClass } from '../form-field.js'
import { TextField } from '../text-field.js'

type Server = NonNullable<DashboardServerQuery['server']>
type Snapshot = NonNullable<DashboardSnapshotsQuery['server']>['snapshots'][number]

/** Options of {@link SnapshotsPanel}. */
export interface SnapshotsPanelProps {
  server: Server
  busy: boolean
  /** Changes when the server may have changed: the list is read again. */
  version: number
  act: (words: { attempt: string; success: string }, start: () => Promise<StartedOperation>) => Promise<boolean>
}

const smallButton = 'rounded-md px-2.5 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50'

/**
 * A server's snapshots: the list (read fresh from the provider), a form to take one, and per
 * snapshot a roll back (the snapshot's name typed in a dialog first) and a delete (confirmed).
 */
export function SnapshotsPanel({ server, busy, version, act }: SnapshotsPanelProps) {
  const can = useCan()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [includeMemory, setIncludeMemory] = useState(false)
  const [errors, setErrors] = useState<{ name?: string; description?: string; form?: string }>({})
  const [asking, setAsking] = useState<{ kind: 'rollback' | 'delete'; snapshot: Snapshot }>()

  const { value: snapshots, failure } = useLoaded<Snapshot[]>(
    () => request(ServerSnapshots, { id: server.id }).then((answer) => answer.server?.snapshots ?? []),
    [server.id, version],
  )

  const take = async (event: Event) => {
    event.preventDefault()
    setErrors({})
    const ok = await act(
      { attempt: `take snapshot ${name} of ${server.name}`, success: `Snapshot ${name} of ${server.name} taken.` },
      async () => {
        try {
          return (
            await request(CreateSnapshot, { id: server.id, name, description: description || null, includeMemory })
          ).createSnapshot
        } catch (error) {
          const { field, text } = fieldOf((error as Error).message)
          setErrors(
            field === 'name' || field === 'description' ? { [field]: text } : { form: (error as Error).message },
          )
          throw error
        }
      },
    )
    if (ok) {
      setName('')
      setDescription('')
    }
  }

  const confirm = (typed: string) => {
    const { kind, snapshot } = asking!
    setAsking(undefined)
    if (kind === 'rollback') {
      void act(
        {
          attempt: `roll ${server.name} back to ${snapshot.name}`,
          success: `${server.name} rolled back to ${snapshot.name}.`,
        },
        async () =>
          (await request(RollbackSnapshot, { id: server.id, name: snapshot.name, confirm: typed })).rollbackSnapshot,
      )
    } else {
      void act(
        { attempt: `delete snapshot ${snapshot.name}`, success: `Snapshot ${snapshot.name} deleted.` },
        async () => (await request(DeleteSnapshot, { id: server.id, name: snapshot.name })).deleteSnapshot,
      )
    }
  }

  if (failure?.code === 'UNSUPPORTED')
    return <p class="text-sm text-slate-700">{server.provider} keeps no snapshots of this server.</p>
  return (
    <>
      {failure ? (
        <p role="alert" class="text-sm text-red-800">
          Could not read the snapshots: {failure.message}
        </p>
      ) : !snapshots ? (
        <p class="text-sm text-slate-700">Loading snapshots…</p>
      ) : snapshots.length === 0 ? (
        <p class="text-sm text-slate-700">No snapshot yet.</p>
      ) : (
        <table class="w-full border-collapse rounded-lg bg-white text-left text-sm">
          <caption class="sr-only">Snapshots of {server.name}, oldest first</caption>
          <TableHead titles={['Name', 'Taken', 'Description', 'Memory', 'Actions']} />
          <tbody>
            {snapshots.map((snapshot) => (
              <tr key={snapshot.name} class="border-b border-slate-200" data-snapshot={snapshot.name}>
                <th scope="row" class="p-2 font-mono font-medium">
                  {snapshot.name}
                </th>
                <td class="p-2">{snapshot.createdAt ? new Date(snapshot.createdAt).toLocaleString() : '—'}</td>
                <td class="p-2">{snapshot.description || '—'}</td>
                <td class="p-2">{snapshot.includesMemory ? 'with RAM' : 'disk only'}</td>
                <td class="flex gap-2 p-2">
                  {can('rollbackSnapshot') && (
                    <button
                      type="button"
                      class={`${smallButton} border border-amber-700 text-amber-900`}
                      disabled={busy}
                      onClick={() => setAsking({ kind: 'rollback', snapshot })}
                    >
                      Roll back<span class="sr-only"> to {snapshot.name}</span>
                    </button>
                  )}
                  {can('deleteSnapshot') && (
                    <button
                      type="button"
                      class={`${smallButton} border border-red-700 text-red-800`}
                      disabled={busy}
                      onClick={() => setAsking({ kind: 'delete', snapshot })}
                    >
                      Delete<span class="sr-only"> snapshot {snapshot.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {can('createSnapshot') && (
        <form
          onSubmit={take}
          aria-label={`Take a snapshot of ${server.name}`}
          class="mt-4 grid gap-3 sm:grid-cols-4 sm:items-start"
        >
          <TextField
            label="Snapshot name"
            error={errors.name}
            hint="A letter, then letters, digits, - or _."
            required
            value={name}
            onValue={setName}
          />
          <TextField
            label="Description (optional)"
            error={errors.description}
            value={description}
            onValue={setDescription}
          />
          <Checkbox
            class="flex items-center gap-2 text-sm sm:pt-7"
            checked={includeMemory}
            disabled={server.kind !== 'VM' || server.status !== 'RUNNING'}
            onChange={setIncludeMemory}
          >
            Include RAM (running VM)
          </Checkbox>
          <div class="sm:pt-5">
            <button type="submit" class={submitClass} disabled={busy || !name.trim()}>
              Take snapshot
            </button>
          </div>
          <FormError message={errors.form} class="sm:col-span-4" />
        </form>
      )}

      {asking?.kind === 'rollback' && (
        <ConfirmDialog
          title={`Roll ${server.name} back to ${asking.snapshot.name}?`}
          confirmLabel="Roll back"
          typed={{ label: 'Snapshot name', value: asking.snapshot.name }}
          onConfirm={confirm}
          onClose={() => setAsking(undefined)}
        >
          Everything that changed on {server.name} since this snapshot is lost. Type the snapshot's name,{' '}
          <strong class="font-mono">{asking.snapshot.name}</strong>, to confirm.
        </ConfirmDialog>
      )}
      {asking?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete snapshot ${asking.snapshot.name}?`}
          confirmLabel="Delete snapshot"
          onConfirm={confirm}
          onClose={() => setAsking(undefined)}
        >
          The snapshot is removed; {server.name} itself stays as it is.
        </ConfirmDialog>
      )}
    </>
  )
}
