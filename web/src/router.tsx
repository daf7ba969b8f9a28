import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'

/** Fired on `window` when the front end changes the address itself. */
const NAVIGATED = 'hangar:navigated'

/** Goes to another page of the dashboard without reloading it; `replace` keeps Back from returning here. */
export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  window.dispatchEvent(new Event(NAVIGATED))
}

/** The path of the page shown (`/`, `/server/pve-lab%3Aqemu%2F100`, ...), kept in step with the address bar. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname)
  useEffect(() => {
    const update = () => setPath(location.pathname)
    window.addEventListener('popstate', update)
    window.addEventListener(NAVIGATED, update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(NAVIGATED, update)
    }
  }, [])
  return path
}

/** The address of a server's page: its id (which holds `:` and `/`) as one path segment. */
export const serverPath = (id: string): string => `/server/${encodeURIComponent(id)}`

/** A link to a page of the dashboard: a real `<a>` (it opens in a new tab too), routed on the client. */
export function Link({
  href,
  children,
  class: className,
  current,
}: {
  href: string
  children: ComponentChildren
  class?: string
  current?: boolean
}) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(href)
  }
  return (
    <a href={href} onClick={onClick} class={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  )
}
