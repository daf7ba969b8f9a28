import { useCan } from '../caller.js'
import { Link } from '../router.js'

const navLink = (active: boolean) =>
  `rounded-md px-3 py-1.5 text-sm ` +
  `font-medium ${active ? 'bg-slate-700 text-white' : 'text-slate-200 hover:bg-slate-700'}`

/** The dashboard's sections; Activity (the audit log) only for roles that may read it. */
export function SectionNav({ path }: { path: string }) {
  const can = useCan()
  const section = path.startsWith('/deployments')
    ? 'deployments'
    : path === '/activity'
      ? 'activity'
      : path === '/' || path.startsWith('/server')
        ? 'servers'
        : undefined
  return (
    <nav aria-label="Sections" class="flex gap-2">
      <Link href="/" class={navLink(section === 'servers')} current={section === 'servers'}>
        Servers
      </Link>
      <Link href="/deployments" class={navLink(section === 'deployments')} current={section === 'deployments'}>
        Deployments
      </Link>
      {can('readActivity') && (
        <Link href="/activity" class={navLink(section === 'activity')} current={section === 'activity'}>
          Activity
        </Link>
      )}
      <a href="/graphql" class={navLink(false)}>
        GraphiQL
      </a>
    </nav>
  )
}
