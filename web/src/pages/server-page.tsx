import { useEffect, useState } from 'preact/hooks'
import { PropertyList } from '../components/property-list.js'
import { LoadError } from '../components/sign-in-notice.js'
import { StatusBadge } from '../components/status-badge.js'
import { ServerProperties } from '../documents.js'
import type { DashboardServerQuery } from '../gql/graphql.js'
import { GraphQLRequestError, request } from '../graphql-request.js'
import { Link } from '../router.js'

/** A server's page: every property its provider reports. */
export function ServerPage({ id }: { id: string }) {
  const [server, setServer] = useState<DashboardServerQuery['server']>()
  const [failure, setFailure] = useState<{ message: string; code?: string }>()
  useEffect(() => {
    request(ServerProperties, { id })
      .then((answer) => (answer.server ? setServer(answer.server) : setFailure({ message: `there is no server ${id}`, code: 'NOT_FOUND' })))
      .catch((error: unknown) => setFailure({ message: (error as Error).message, code: error instanceof GraphQLRequestError ? error.code : undefined }))
  }, [id])
  return (
    <section aria-labelledby="server-title">
      <Link href="/" class="text-sm text-blue-800 underline">
        ← All servers
      </Link>
      <h1 id="server-title" class="mt-2 flex flex-wrap items-center gap-3 text-2xl font-bold">
        {server?.name ?? id}
        {server && <StatusBadge status={server.status} />}
      </h1>
      <div class="mt-4">
        {failure ? (
          <LoadError error={failure} />
        ) : !server ? (
          <p class="text-sm text-slate-700">Loading…</p>
        ) : (
          <>
            <h2 class="mb-2 text-lg font-semibold">Summary</h2>
            <PropertyList
              label="Summary"
              properties={{ id: server.id, provider: server.provider, nativeId: server.nativeId, kind: server.kind, location: server.location, cpu: server.cpu, memoryMb: server.memoryMb, diskGb: server.diskGb, ips: server.ips.join(', ') }}
            />
            <h2 class="mt-6 mb-2 text-lg font-semibold">Everything {server.provider} reports</h2>
            <PropertyList label="Provider details" properties={(server.details ?? {}) as Record<string, unknown>} />
          </>
        )}
      </div>
    </section>
  )
}
