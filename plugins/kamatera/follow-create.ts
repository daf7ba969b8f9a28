import type { CallOptions, TaskHandle, TaskProgress } from 'hangar/provider-kit'
import type { KamateraClient } from './kamatera-client.js'
import { serverInfoListSchema, serverListSchema } from './upstream-schemas.js'

/** Options of the create helpers: how to follow the commands they start. */
export interface CreateContext {
  client: KamateraClient
  /** Builds the handle of one command (polling, deadline, cache invalidation). */
  command(commandId: string): TaskHandle
  pollIntervalMs: number
  /** How long a create whose outcome is unknown is looked for in the server list. */
  recoveryMs: number
}

/** Escapes a literal name for the API's anchored name regex (names may hold `(` `)`). */
export function literalName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** The final name a create or clone reports in its log (`Name: web-01(1)` after a clash). */
export function finalNameFrom(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const match = /^Name:\s*(.+?)\s*$/.exec(line)
    if (match) return match[1]
  }
  return undefined
}

/** A name the API may have given a server asked for as `name`: itself or with a `(1)` suffix. */
function isNameFor(candidate: string, name: string): boolean {
  return candidate === name || new RegExp(`^${literalName(name)} ?\\(\\d+\\)$`).test(candidate)
}

/** The error of a create that may or may not have made a server: never a plain "failed". */
export function unknownOutcome(name: string, reason: string): string {
  return (
    `the outcome of creating ${name} is unknown: ${reason}. A server may exist and be ` +
    `billed: check Kamatera's server list for ${name} (or ${name}(1)) before creating it again`
  )
}

/**
 * The handle of a create resumed after a gateway restart while its answer was lost: the servers
 * listed before it are gone, so a server it made cannot be told apart from an older one of that
 * name any more. It fails at its first poll, saying the outcome is unknown.
 */
export function lostCreateHandle(ref: string, name: string, pollIntervalMs: number): TaskHandle {
  return {
    ref,
    pollIntervalMs,
    deadline: new Date(Date.now() + pollIntervalMs),
    poll: async () => ({
      state: 'failed',
      lines: [],
      error: unknownOutcome(name, 'its answer was lost and the gateway restarted while looking for the server'),
    }),
  }
}

/** The ref of a create handle, to resume it by: `create:<command id>:<name>`. */
export function createRef(commandId: string, name: string): string {
  return `create:${commandId}:${name}`
}

/** Options of {@link followCreate}. */
export interface FollowCreateOptions {
  /** The name asked for; the API may add a `(1)` suffix. */
  name: string
  /** The create's command; undefined when the answer that carried it was lost. */
  commandId?: string
  /**
   * Ids of the servers listed before the create was sent, so that a server of that name which was
   * already there is not taken for the new one. Undefined after a gateway restart: then the list
   * cannot tell, and only the command queue can.
   */
  before?: ReadonlySet<string>
  /** Why the outcome is unknown from the start, e.g. the answer to the create was lost. */
  lost?: string
}

type Phase =
  | { kind: 'command' }
  | { kind: 'naming'; finalName: string; until: number }
  | { kind: 'looking'; reason: string; until: number }

/**
 * Follows a create or clone until the server it made is known. Normally: the command in the queue,
 * then the server by the `Name:` line of its log. When the queue cannot tell (its reads keep
 * failing past the client's retries, the command outlives its deadline, the create's answer was
 * lost), the create stays running while the server is looked for in the list by the name asked
 * for (and the queue is tried again); it ends with the server found, or after `recoveryMs` with an
 * error saying the outcome is unknown. Polls never throw except when aborted, so the core does not
 * give up on a create it could still account for.
 */
export function followCreate(
  context: CreateContext,
  { name, commandId, before, lost }: FollowCreateOptions,
): TaskHandle {
  const command = commandId === undefined ? undefined : context.command(commandId)
  const seen: string[] = []
  const lookUntil = () => Date.now() + context.recoveryMs
  const searching = before
    ? `looking for server ${name} by name instead of creating it again`
    : 'trying the command queue again'
  let phase: Phase = { kind: 'command' }
  // Lines to put before those of the next poll (the first poll of a create whose answer was lost).
  let announce: string[] = []
  if (!command) {
    const reason = lost ?? `the answer to the create of ${name} was lost`
    phase = { kind: 'looking', reason, until: lookUntil() }
    announce = [`${reason}; ${searching}`]
  }

  function startLooking(reason: string, lines: string[]): TaskProgress {
    phase = { kind: 'looking', reason, until: lookUntil() }
    return { state: 'running', lines: [...lines, `${reason}; ${searching}`] }
  }

  /** Reads the new server by its final name; `undefined` when the read failed (try again). */
  async function named(finalName: string, lines: string[], signal?: AbortSignal): Promise<TaskProgress | undefined> {
    try {
      const infos = await context.client.request('POST', '/service/server/info', {
        body: { name: literalName(finalName), 'allow-no-servers': true },
        schema: serverInfoListSchema,
        signal,
        read: true,
      })
      const made = infos.find((info) => info.name === finalName)
      return made
        ? { state: 'succeeded', lines, serverNativeId: made.id }
        : {
            state: 'succeeded',
            lines: [
              ...lines,
              `no server named ${finalName} in the list; the new server is not linked to this operation`,
            ],
          }
    } catch (error) {
      if (signal?.aborted) throw error
      return undefined
    }
  }

  /** Interprets one answer of the queue (the normal path). */
  async function onCommand(progress: TaskProgress, signal?: AbortSignal): Promise<TaskProgress> {
    seen.push(...progress.lines)
    if (progress.state === 'failed') return progress
    if (progress.state === 'running') {
      if (Date.now() > command!.deadline.getTime())
        return startLooking(`command ${commandId} was still running at its deadline`, progress.lines)
      return progress
    }
    const finalName = finalNameFrom(seen)
    if (!finalName)
      return {
        ...progress,
        lines: [
          ...progress.lines,
          'the command log has no "Name:" line; the new server is not linked to this operation',
        ],
      }
    phase = { kind: 'naming', finalName, until: lookUntil() }
    return (await named(finalName, progress.lines, signal)) ?? { state: 'running', lines: progress.lines }
  }

  async function pollCommand(signal?: AbortSignal): Promise<TaskProgress | Error> {
    try {
      return await command!.poll({ signal })
    } catch (error) {
      if (signal?.aborted) throw error
      return error as Error
    }
  }

  async function look(reason: string, until: number, signal?: AbortSignal): Promise<TaskProgress> {
    if (before) {
      try {
        const servers = await context.client.request('GET', '/service/servers', {
          schema: serverListSchema,
          signal,
          read: true,
        })
        const made = servers.find((server) => !before.has(server.id) && isNameFor(server.name, name))
        if (made) return { state: 'succeeded', lines: [`found ${made.name} (${made.id})`], serverNativeId: made.id }
      } catch (error) {
        if (signal?.aborted) throw error
      }
    }
    let lines: string[] = []
    if (command) {
      const progress = await pollCommand(signal)
      if (!(progress instanceof Error)) {
        // A command still running past its deadline keeps the search (and its end) going.
        const overdue = progress.state === 'running' && Date.now() > command.deadline.getTime()
        if (!overdue) {
          phase = { kind: 'command' }
          return onCommand(progress, signal)
        }
        seen.push(...progress.lines)
        lines = progress.lines
      }
    }
    if (Date.now() > until) {
      const within = `${Number((context.recoveryMs / 1000).toFixed(1))} s`
      const searched = before
        ? `no new server named ${name} appeared in the list within ${within}`
        : `the command queue did not show its end within ${within}`
      return { state: 'failed', lines, error: unknownOutcome(name, `${reason}, and ${searched}`) }
    }
    return { state: 'running', lines }
  }

  /** One poll: the queue, the name lookup after it, or the search, by phase. */
  async function step(signal?: AbortSignal): Promise<TaskProgress> {
    const current = phase
    if (current.kind === 'looking') return look(current.reason, current.until, signal)
    if (current.kind === 'naming') {
      const progress = await named(current.finalName, [], signal)
      if (progress) return progress
      if (Date.now() > current.until)
        return {
          state: 'succeeded',
          lines: [
            `the new server ${current.finalName} was made, ` +
              `but its id could not be read; it is not linked to this operation`,
          ],
        }
      return { state: 'running', lines: [] }
    }
    const progress = await pollCommand(signal)
    if (progress instanceof Error)
      return startLooking(`cannot read command ${commandId} from Kamatera's queue (${progress.message})`, [])
    return onCommand(progress, signal)
  }

  return {
    ref: commandId === undefined ? `lost-create:${name}` : createRef(commandId, name),
    pollIntervalMs: command?.pollIntervalMs ?? context.pollIntervalMs,
    // The core's deadline only backs up this handle's own: a search ends by itself.
    get deadline() {
      const end = phase.kind === 'command' ? command!.deadline.getTime() + context.recoveryMs : phase.until
      return new Date(end + 10 * 60_000)
    },
    async poll({ signal }: CallOptions): Promise<TaskProgress> {
      const progress = await step(signal)
      const lines = [...announce, ...progress.lines]
      announce = []
      return { ...progress, lines }
    },
  }
}
