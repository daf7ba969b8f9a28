import { useLayoutEffect, useRef } from 'preact/hooks'
import type { Connection, LogLine } from '../follow-deployment.js'

/** How a line's stream is marked: the gateway's own lines and the provider's stand apart from the app's output. */
const STREAM_LOOK: Record<LogLine['stream'], string> = {
  SYSTEM: 'text-sky-300',
  PROVISION: 'text-violet-300',
  DEPLOY: 'text-slate-100',
}

/** What the view says about its connection. */
const CONNECTION_WORDS: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  ended: 'Complete: the deployment rests; new lines come with its next action.',
  refused: 'The gateway refused the log stream.',
}

/**
 * A deployment's log as a live region (`role="log"`, read out politely as lines arrive), one row
 * per line with its seq and stream. It keeps to the bottom as lines come while the person is
 * at the bottom, and stays put when they scrolled up to read.
 */
export function LogView({
  lines,
  connection,
  refusal,
}: {
  lines: readonly LogLine[]
  connection: Connection
  refusal?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const atBottom = useRef(true)
  useLayoutEffect(() => {
    const element = box.current
    if (element && atBottom.current) element.scrollTop = element.scrollHeight
  }, [lines])
  const connectionLook =
    connection === 'reconnecting'
      ? 'font-semibold text-amber-900'
      : connection === 'refused'
        ? 'font-semibold text-red-800'
        : 'text-slate-700'
  return (
    <div>
      <p class={`mb-2 text-sm ${connectionLook}`} role="status" data-connection={connection}>
        {CONNECTION_WORDS[connection]} {connection === 'refused' && refusal ? `${refusal}. ` : ''}
        {lines.length} {lines.length === 1 ? 'line' : 'lines'}.
      </p>
      <div
        ref={box}
        role="log"
        aria-live="polite"
        aria-label="Deployment log"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        class={
          'max-h-[28rem] overflow-auto rounded-lg bg-slate-900 p-3 ' +
          'font-mono text-xs leading-5 whitespace-pre-wrap break-all'
        }
        onScroll={(event) => {
          const element = event.currentTarget
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 8
        }}
      >
        {lines.map((line) => (
          <div key={line.seq} data-seq={line.seq} data-stream={line.stream} class={STREAM_LOOK[line.stream]}>
            <span class="select-none text-slate-400">{String(line.seq).padStart(4, ' ')} </span>
            <span class="select-none text-slate-400">[{line.stream.toLowerCase()}] </span>
            <span class="log-text">{line.line}</span>
          </div>
        ))}
      </div>
    </div>
  )
}
