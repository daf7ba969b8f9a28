import { useState } from 'preact/hooks'
import { useCan } from '../caller.js'
import { ActionGroup } from '../components/action-group.js'
import { buttonClass } from '../components/button-class.js'
import { DestroyDialog } from '../components/destroy-dialog.js'
import { PageHeading } from '../components/page-heading.js'
import { PowerButtons } from '../components/power-buttons.js'
import { PropertyList } from '../components/property-list.js'
import { CloneForm } from '../components/server/clone-form.js'
import { OperationsPanel } from '../components/server/operations-panel.js'
import { ResizeForm } from '../components/server/resize-form.js'
import { SnapshotsPanel } from '../components/server/snapshots-panel.js'
import { LoadedView } from '../components/loaded-view.js'
import { StatusBadge } from '../components/status-badge.js'
import {
  DestroyServer,
  ProviderCapabilities,
  RebootServer,
  ServerProperties,
  StartServer,
  StopServer,
} from '../documents.js'
import type { StartedOperation } from '../follow-operation.js'
import { GraphQLRequestError, request } from '../graphql-request.js'
import { navigate, serverPath } from '../router.js'
import { useRunOperation, type OperationWords } from '../run-operation.js'
import { useLoaded } from '../use-loaded.js'

/** A titled part of the page. */
function Section({ title, children }: { title: string; children: preact.ComponentChildren }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`
  return (
    <section aria-labelledby={id} class="mt-8">
      <h2 id={id} class="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

/**
 * A server's page: every property its provider reports, its power actions and destroy, resize,
 * clone, snapshots, and the operations on it with their logs, live. Only what the provider supports
 * and the caller's role allows is offered.
 */
export function ServerPage({ id }: { id: string }) {
  const can = useCan()
  const runOperation = useRunOperation()
  const [version, setVersion] = useState(0)
  const [busy, setBusy] = useState<string>()
  const [destroying, setDestroying] = useState(false)
  const reload = () => setVersion((value) => value + 1)

  const { value: server, failure } = useLoaded(
    () =>
      request(ServerProperties, { id }).then((answer) => {
        if (!answer.server) throw new GraphQLRequestError(`there is no server ${id}`, 'NOT_FOUND')
        return answer.server
      }),
    [id, version],
  )

  const provider = server?.provider
  const capabilityRead = useLoaded(async (): Promise<readonly string[]> => {
    if (!provider) return []
    const answer = await request(ProviderCapabilities, {})
    return answer.providers.find((entry) => entry.name === provider)?.capabilities ?? []
  }, [provider])
  // Until they are read, or when they cannot be, nothing that needs one is offered.
  const capabilities = (!capabilityRead.failure && capabilityRead.value) || []

  /** Runs one operation on this server: the page waits meanwhile, and reads everything again after. */
  const act = async (words: OperationWords, start: () => Promise<StartedOperation>) => {
    setBusy(words.attempt)
    const ended = await runOperation(words, async () => {
      const started = await start()
      reload()
      return started
    })
    setBusy(undefined)
    reload()
    return ended
  }
  const succeeded = async (words: OperationWords, start: () => Promise<StartedOperation>) =>
    (await act(words, start))?.status === 'SUCCEEDED'

  const power = (action: 'start' | 'stop' | 'reboot') => {
    const s = server!
    const done = { start: 'started', stop: 'stopped', reboot: 'rebooted' }[action]
    const start = {
      start: async () => (await request(StartServer, { id: s.id })).startServer,
      stop: async () => (await request(StopServer, { id: s.id })).stopServer,
      reboot: async () => (await request(RebootServer, { id: s.id })).rebootServer,
    }[action]
    void act({ attempt: `${action} ${s.name}`, success: `${s.name} ${done}.` }, start)
  }

  const destroy = async (typedName: string) => {
    const s = server!
    setDestroying(false)
    if (
      await succeeded(
        { attempt: `destroy ${s.name}`, success: `${s.name} destroyed.` },
        async () => (await request(DestroyServer, { id: s.id, confirm: typedName })).destroyServer,
      )
    )
      navigate('/')
  }

  const has = (capability: string) => capabilities.includes(capability)
  return (
    <section aria-labelledby="server-title">
      <PageHeading id="server-title" back={{ href: '/', label: 'All servers' }}>
        {server?.name ?? id}
        {server && <StatusBadge status={server.status} />}
      </PageHeading>
      <div class="mt-4">
        <LoadedView value={server} failure={failure}>
          {(server) => (
            <>
              <ActionGroup working={busy && `Working: ${busy}…`}>
                {has('power') && can('power') && (
                  <PowerButtons
                    actions={['start', 'stop', 'reboot']}
                    status={server.status}
                    busy={busy !== undefined}
                    onAction={power}
                  />
                )}
                {has('destroy') && can('destroyServer') && (
                  <button
                    type="button"
                    class={`${buttonClass} ml-auto border border-red-700 text-red-800`}
                    disabled={busy !== undefined}
                    onClick={() => setDestroying(true)}
                  >
                    Destroy
                  </button>
                )}
              </ActionGroup>

              <Section title="Summary">
                <PropertyList
                  label="Summary"
                  properties={{
                    id: server.id,
                    provider: server.provider,
                    nativeId: server.nativeId,
                    kind: server.kind,
                    location: server.location,
                    cpu: server.cpu,
                    memoryMb: server.memoryMb,
                    diskGb: server.diskGb,
                    ips: server.ips.join(', '),
                  }}
                />
              </Section>

              {has('resize') && can('resizeServer') && (
                <Section title="Resize">
                  <ResizeForm
                    key={`${server.cpu}/${server.memoryMb}/${server.diskGb}`}
                    server={server}
                    busy={busy !== undefined}
                    act={succeeded}
                  />
                </Section>
              )}

              {has('clone') && can('cloneServer') && (
                <Section title="Clone">
                  <CloneForm
                    server={server}
                    busy={busy !== undefined}
                    act={async (words, start) => (await act(words, start))?.serverId}
                    onCloned={(copy) => navigate(serverPath(copy))}
                  />
                </Section>
              )}

              <Section title="Snapshots">
                {has('snapshot') ? (
                  <SnapshotsPanel server={server} busy={busy !== undefined} version={version} act={succeeded} />
                ) : (
                  <p class="text-sm text-slate-700">{server.provider} keeps no snapshots.</p>
                )}
              </Section>

              <Section title="Operations">
                <OperationsPanel serverId={server.id} version={version} />
              </Section>

              <Section title={`Everything ${server.provider} reports`}>
                <PropertyList label="Provider details" properties={(server.details ?? {}) as Record<string, unknown>} />
              </Section>
            </>
          )}
        </LoadedView>
      </div>
      {destroying && server && (
        <DestroyDialog
          server={server}
          onConfirm={(typed) => void destroy(typed)}
          onClose={() => setDestroying(false)}
        />
      )}
    </section>
  )
}
