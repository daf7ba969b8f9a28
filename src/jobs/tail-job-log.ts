import { RESYNC, type Resync } from '../events/event-bus.js'

/** Where {@link tailJobLog} reads a job's lines and learns that it has ended. */
export interface JobLogSource<Line extends { seq: number }> {
  /** Stored lines with `seq > after`, in order, at most `limit`. */
  read(after: number, limit: number): Promise<readonly Line[]>
  /** Live batches of stored lines, from before the first read; RESYNC when some may have been missed. */
  batches: AsyncIterator<readonly Line[] | Resync>
  /** The job's changes of state, from before the first read; RESYNC when some may have been missed. */
  changes: AsyncIterator<unknown>
  /**
   * Whether the job has ended: of a change when given, else as stored now. Every line of a job is
   * stored before its end is announced, so a last read after it misses nothing.
   */
  hasEnded(change?: unknown): Promise<boolean>
}

const PAGE = 500

/**
 * The one tail protocol of job logs: every line with `seq > after`, the stored ones first (in
 * pages), then live ones, skipping any the replay already sent and filling any gap from the store,
 * so a reader resuming with the last seq it saw gets no gap and no repeat, whichever gateway
 * stores the lines. Ends once the job has ended and every line was sent.
 *
 * Yields batches in order, never empty. A live batch that follows on exactly is yielded as the
 * very array the bus delivered, so every subscriber of a job holds the same object for it (and
 * `useSharedSubscriptionEvents` executes it, and the WebSocket transport serializes it, once for all).
 */
export async function* tailJobLogBatches<Line extends { seq: number }>(
  source: JobLogSource<Line>,
  after: number,
): AsyncGenerator<readonly Line[]> {
  // Closures made per tail are kept anonymous (see `channel`): `position` is what the replays move.
  const position = { last: after }
  yield* replay(source, position)
  if (await source.hasEnded()) {
    yield* replay(source, position)
    return
  }
  // One pending read of each stream, wrapped once: re-wrapping the same pending promise on every
  // turn would pile up handlers on a change that may not come for a long time.
  let nextLines = readLines(source)
  let nextChange = readChange(source)
  for (;;) {
    const event = await Promise.race([nextLines, nextChange])
    if (event.kind === 'lines') {
      if (event.value.done) return
      const batch = event.value.value
      nextLines = readLines(source)
      if (batch === RESYNC) {
        // Batches may have been missed (Redis was away): the store has every line.
        yield* replay(source, position)
        continue
      }
      if (batch.length === 0 || batch.at(-1)!.seq <= position.last) continue
      // A batch announced before the replay finished may skip ahead: fill from the store first.
      if (batch[0]!.seq > position.last + 1) yield* replay(source, position)
      if (batch[0]!.seq === position.last + 1) {
        position.last = batch.at(-1)!.seq
        yield batch
        continue
      }
      const fresh = batch.filter((line) => line.seq > position.last)
      if (fresh.length === 0) continue
      if (fresh[0]!.seq > position.last + 1) {
        // Still ahead after the replay: only the store can say what lies between.
        yield* replay(source, position)
        continue
      }
      position.last = fresh.at(-1)!.seq
      yield fresh
    } else {
      if (event.value.done) return
      if (await source.hasEnded(event.value.value === RESYNC ? undefined : event.value.value)) {
        yield* replay(source, position)
        return
      }
      nextChange = readChange(source)
    }
  }
}

/** The next live batch, told apart from a change in the race between them. */
const readLines = <Line extends { seq: number }>(source: JobLogSource<Line>) =>
  source.batches.next().then((value) => ({ kind: 'lines' as const, value }))

/** The next change of the job's state, told apart from a batch in the race between them. */
const readChange = <Line extends { seq: number }>(source: JobLogSource<Line>) =>
  source.changes.next().then((value) => ({ kind: 'change' as const, value }))

/** The stored lines after `position.last`, in pages, moving it on. */
async function* replay<Line extends { seq: number }>(
  source: JobLogSource<Line>,
  position: { last: number },
): AsyncGenerator<readonly Line[]> {
  for (;;) {
    const page = await source.read(position.last, PAGE)
    const fresh = page.filter((line) => line.seq > position.last)
    if (fresh.length > 0) {
      position.last = fresh.at(-1)!.seq
      yield fresh
    }
    if (page.length < PAGE) return
  }
}

/** {@link tailJobLogBatches} a line at a time. */
export async function* tailJobLog<Line extends { seq: number }>(
  source: JobLogSource<Line>,
  after: number,
): AsyncGenerator<Line> {
  for await (const batch of tailJobLogBatches(source, after)) yield* batch
}
