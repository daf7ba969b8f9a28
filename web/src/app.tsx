import { CallerProvider } from './caller.js'
import { DeploymentPage } from './pages/deployment-page.js'
import { DeploymentsPage } from './pages/deployments-page.js'
import { NewDeploymentPage } from './pages/new-deployment-page.js'
import { ServerPage } from './pages/server-page.js'
import { ServersPage } from './pages/servers-page.js'
import { Link, usePath } from './router.js'
import { ToastProvider } from './toasts.js'

/** The page for a path; the gateway answers these paths with this app. */
function Page({ path }: { path: string }) {
  const server = /^\/server\/(.+)$/.exec(path)
  if (server) return <ServerPage id={decodeURIComponent(server[1]!)} />
  if (/^\/deployments\/new\/?$/.test(path)) return <NewDeploymentPage />
  const deployment = /^\/deployments\/([^/]+)$/.exec(path)
  if (deployment) return <DeploymentPage id={decodeURIComponent(deployment[1]!)} />
  if (/^\/deployments\/?$/.test(path)) return <DeploymentsPage />
  return <ServersPage />
}

const navLink = (active: boolean) => `rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-slate-700 text-white' : 'text-slate-200 hover:bg-slate-700'}`

/** The dashboard: a header with the sections, the page, and the messages of every action. */
export function App() {
  const path = usePath()
  const onDeployments = path.startsWith('/deployments')
  return (
    <CallerProvider>
      <ToastProvider>
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        <header class="bg-slate-900 text-white">
          <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-6 px-4 py-3">
            <Link href="/" class="text-lg font-bold tracking-tight">
              Hangar
            </Link>
            <nav aria-label="Sections" class="flex gap-2">
              <Link href="/" class={navLink(!onDeployments)} current={!onDeployments}>
                Servers
              </Link>
              <Link href="/deployments" class={navLink(onDeployments)} current={onDeployments}>
                Deployments
              </Link>
              <a href="/graphql" class={navLink(false)}>
                GraphiQL
              </a>
            </nav>
          </div>
        </header>
        <main id="main" class="mx-auto max-w-7xl px-4 py-6">
          <Page path={path} />
        </main>
      </ToastProvider>
    </CallerProvider>
  )
}
