import { useEffect, useState } from 'preact/hooks'
import { useCan } from '../caller.js'
import { FilterInput } from '../components/filter-input.js'
import { FilterSelect } from '../components/filter-select.js'
import { Pager, useCursorPages } from '../components/pager.js'
import { SearchForm } from '../components/search-form.js'
import { StatusFilter } from '../components/status-filter.js'
import { DestroyDialog } from '../components/destroy-dialog.js'
import { ResourceBars } from '../components/resource-bars.js'
import { ServerCard, type CardAction, type CardServer } from '../components/server-card.js'
import { ListHeader } from '../components/list-header.js'
import { LoadedView } from '../components/loaded-view.js'
import { MissingNotice } from '../components/missing-notice.js'
import { DestroyServer, ProviderNames, ServerCards, StartServer, StopServer } from '../documents.js'
import type { StartedOperation } from '../follow-operation.js'
import type { ServerStatus } from '../gql/graphql.js'
import { request } from '../graphql-request.js'
import { Link } from '../router.js'
import { useRunOperation } from '../run-operation.js'
import { loadHosts } from '../load-hosts.js'
import { useLoaded } from '../use-loaded.js'
import { useTypingPause } from '../use-typing-pause.js'

/** Cards per page. */
const PAGE_SIZE = 12

/** How often the cards are read again while the page is in view. */
const REFRESH_MS = 10_000

const STATUSES: ServerStatus[] = ['RUNNING', 'STOPPED', 'PAUSED', 'PROVISIONING', 'UNKNOWN']

/** What an action is called in a message: before, and once done. */
const WORDS: Record<CardAction, { verb: string; done: string }> = {
  start: { verb: 'start', done: 'started' },
  stop: { verb: 'stop', done: 'stopped' },
  destroy: { verb: 'destroy', done: 'destroyed' },
}

/**
 * The seed's main page for every provider: a grid of server cards with filters by provider and
 * status, a search by name, cursor pages, and each compute host's use as bars.
 */
export function ServersPage() {
  const can = useCan()
  const [provider, setProvider] = useState('')
  const [status, setStatus] = useState<ServerStatus | ''>('')
  const [searchInput, setSearchInput] = useState('')
  const [search, setSearch] = useState('')
  // Cursors of the pages before this one; the last is this page's `after`.
  const pages = useCursorPages()
  const [version, setVersion] = useState(0)
  const [busy, setBusy] = useState<Record<string, CardAction>>({})
  const [destroying, setDestroying] = useState<CardServer>()

  // The search applies once typing pauses.
  useTypingPause(() => {
    setSearch(searchInput.trim())
    pages.reset()
  }, [searchInput])

  // Without the names, the filter offers only "All providers".
  const providers =
    useLoaded(() => request(ProviderNames, {}).then((answer) => answer.providers.map((entry) => entry.name)), [])
      .value ?? []

  const after = pages.after
  // The page these rows are: its range is drawn with them, never with the next page's number.
  const number = pages.number
  const { value: page, failure } = useLoaded(
    () =>
      request(ServerCards, {
        first: PAGE_SIZE,
        after,
        provider: provider || null,
        status: status || null,
        search: search || null,
      }).then((answer) => ({ ...answer.servers, number })),
    [after, provider, status, search, version],
  )
  // Hosts that cannot be read are left out, and the section says why, as the cards do. The hosts
  // do not depend on the page or its filters: read again on each refresh only.
  const hosts = useLoaded(loadHosts, [version])

  const reload = () => setVersion((value) => value + 1)

  // What other people and tools change shows up too: the page asks again while it is in view.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [])

  const runOperation = useRunOperation()
  const run = async (action: CardAction, server: CardServer, start: () => Promise<StartedOperation>) => {
    setBusy((all) => ({ ...all, [server.id]: action }))
    const words = WORDS[action]
    await runOperation({ attempt: `${words.verb} ${server.name}`, success: `${server.name} ${words.done}.` }, start)
    setBusy(({ [server.id]: _done, ...rest }) => rest)
    reload()
  }

  const onAction = (action: CardAction, server: CardServer) => {
    if (action === 'destroy') return setDestroying(server)
    if (action === 'start')
      void run('start', server, async () => (await request(StartServer, { id: server.id })).startServer)
    else void run('stop', server, async () => (await request(StopServer, { id: server.id })).stopServer)
  }

  const confirmDestroy = (typedName: string) => {
    const server = destroying!
    setDestroying(undefined)
    void run(
      'destroy',
      server,
      async () => (await request(DestroyServer, { id: server.id, confirm: typedName })).destroyServer,
    )
  }

  const first = ((page?.number ?? 1) - 1) * PAGE_SIZE + 1
  const shown = page?.nodes.length ?? 0
  return (
    <>
      <section aria-labelledby="servers-title">
        <ListHeader
          id="servers-title"
          title="Servers"
          beside={
            can('createServer') && (
              <Link
                href="/servers/new"
                class="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700"
              >
                New server
              </Link>
            )
          }
        >
          <SearchForm>
            <FilterSelect
              label="Provider"
              value={provider}
              anyLabel="All providers"
              values={providers}
              text={(name) => name}
              onChange={pages.resetting(setProvider)}
            />
            <StatusFilter value={status} statuses={STATUSES} onChange={pages.resetting(setStatus)} />
            <FilterInput label="Search by name" search value={searchInput} onChange={setSearchInput} />
          </SearchForm>
        </ListHeader>

        <div class="mt-4">
          <LoadedView value={page} failure={failure} loading="Loading servers…">
            {(page) => (
              <>
                {page.unavailableProviders.length > 0 && (
                  <MissingNotice>
                    Not answering, so their servers are missing: {page.unavailableProviders.join(', ')}.
                  </MissingNotice>
                )}
                <p class="mb-3 text-sm text-slate-700" aria-live="polite">
                  {page.totalCount === 0
                    ? 'No server matches.'
                    : `Servers ${first}–${first + shown - 1} of ${page.totalCount}`}
                </p>
                <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" aria-label="Server cards">
                  {page.nodes.map((server) => (
                    <ServerCard key={server.id} server={server} busy={busy[server.id]} onAction={onAction} />
                  ))}
                </ul>
                <Pager label="Server pages" pages={pages} pageInfo={page.pageInfo} />
              </>
            )}
          </LoadedView>
        </div>
      </section>

      <section aria-labelledby="nodes-title" class="mt-10">
        <h2 id="nodes-title" class="text-xl font-bold">
          Compute hosts
        </h2>
        <p class="mb-3 text-sm text-slate-700">CPU and memory in use on each Proxmox node and Kamatera datacenter.</p>
        <LoadedView value={hosts.value} failure={hosts.failure} loading="Loading hosts…">
          {({ hosts, missing }) => (
            <>
              {missing.length > 0 && (
                <MissingNotice>Not answering, so their hosts are missing: {missing.join('; ')}</MissingNotice>
              )}
              <ResourceBars resources={hosts} />
            </>
          )}
        </LoadedView>
      </section>

      {destroying && (
        <DestroyDialog server={destroying} onConfirm={confirmDestroy} onClose={() => setDestroying(undefined)} />
      )}
    </>
  )
}
