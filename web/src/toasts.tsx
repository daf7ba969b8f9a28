import { createContext, type ComponentChildren } from 'preact'
import { useCallback, useContext, useMemo, useState } from 'preact/hooks'

/** One message to the person: an action's result or an error. */
export interface Toast {
  id: number
  kind: 'success' | 'error' | 'info'
  text: string
}

type Notify = (kind: Toast['kind'], text: string) => void

const ToastContext = createContext<Notify>(() => {})

/** Shows a message in the page's live region (read out by screen readers as it appears). */
export const useNotify = (): Notify => useContext(ToastContext)

/** How long a success stays; errors stay until dismissed. */
const SUCCESS_MS = 8_000

/**
 * Holds the messages and draws them in two live regions: results politely (`role="status"`),
 * errors at once (`role="alert"`).
 */
export function ToastProvider({ children }: { children: ComponentChildren }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), [])
  const notify = useCallback<Notify>(
    (kind, text) => {
      const id = Date.now() + Math.random()
      setToasts((all) => [...all, { id, kind, text }])
      if (kind !== 'error') setTimeout(() => dismiss(id), SUCCESS_MS)
    },
    [dismiss],
  )
  const value = useMemo(() => notify, [notify])
  const list = (kind: 'polite' | 'assertive') =>
    toasts.filter((toast) => (toast.kind === 'error') === (kind === 'assertive'))
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div class="fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
        <div role="status" aria-live="polite" class="flex flex-col gap-2">
          {list('polite').map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
        <div role="alert" aria-live="assertive" class="flex flex-col gap-2">
          {list('assertive').map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext.Provider>
  )
}

/** Each kind of message's colours and the word it starts with. */
const LOOK: Record<Toast['kind'], { colours: string; lead: string }> = {
  error: { colours: 'border-red-300 bg-red-50 text-red-900', lead: 'Error: ' },
  success: { colours: 'border-green-300 bg-green-50 text-green-900', lead: 'Done: ' },
  info: { colours: 'border-slate-300 bg-white text-slate-900', lead: '' },
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const { colours, lead } = LOOK[toast.kind]
  return (
    <div class={`flex items-start gap-3 rounded-lg border p-3 text-sm shadow ${colours}`} data-toast={toast.kind}>
      <p class="flex-1">
        <span class="font-semibold">{lead}</span>
        {toast.text}
      </p>
      <button
        type="button"
        class="rounded px-1 font-bold"
        aria-label="Dismiss this message"
        onClick={() => onDismiss(toast.id)}
      >
        ×
      </button>
    </div>
  )
}
