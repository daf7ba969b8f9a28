import { useEffect } from 'preact/hooks'
import { CallerProvider, useCaller } from './caller.js'
import { CallerStatus } from './components/caller-status.js'
import { SectionNav } from './components/section-nav.js'
import { ActivityPage } from './pages/activity-page.js'
import { DeploymentPage } from './pages/deployment-page.js'
import { DeploymentsPage } from './pages/deployments-page.js'
import { NewDeploymentPage } from './pages/new-deployment-page.js'
import { NewServerPage } from './pages/new-server-page.js'
import { ServerPage } from './pages/server-page.js'
import { ServersPage } from './pages/servers-page.js'
import { SignInPage } from './pages/sign-in-page.js'
import { Link, navigate, usePath } from './router.js'
import { signInPath } from './session.js'
import { ToastProvider } from './toasts.js'

/** The page for a path; the gateway answers these paths with this app. */
function Page({ path }: { path: string }) {
  if (path === '/sign-in') return <SignInPage />
  if (/^\/servers\/new\/?$/.test(path)) return <NewServerPage />
  const server = /^\/server\/(.+)$/.exec(path)
  if (server) return <ServerPage id={decodeURIComponent(server[1]!)} />
  if (/^\/deployments\/new\/?$/.test(path)) return <NewDeploymentPage />
  const deployment = /^\/deployments\/([^/]+)$/.exec(path)
  if (deployment) return <DeploymentPage id={decodeURIComponent(deployment[1]!)} />
  if (/^\/deployments\/?$/.test(path)) return <DeploymentsPage />
  if (path === '/activity') return <ActivityPage />
  return <ServersPage />
}

/** Sends the person to the sign-in page as soon as the gateway says it wants a token. */
function SignInRedirect({ path }: { path: string }) {
  const { caller } = useCaller()
  useEffect(() => {
    if (caller.state === 'signed-out' && path !== '/sign-in')
      navigate(signInPath(`${path}${location.search}`), { replace: true })
  }, [caller, path])
  return null
}

/** The dashboard: a header with the sections and who is signed in, the page, and the messages of every action. */
export function App() {
  const path = usePath()
  return (
    <CallerProvider>
      <ToastProvider>
        <SignInRedirect path={path} />
        <a
          href="#main"
          class={
            'sr-only focus:not-sr-only focus:absolute focus:top-2 ' +
            'focus:left-2 focus:rounded focus:bg-white focus:p-2'
          }
        >
          Skip to content
        </a>
        <header class="bg-slate-900 text-white">
          <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-6 px-4 py-3">
            <Link href="/" class="text-lg font-bold tracking-tight">
              Hangar
            </Link>
            <SectionNav path={path} />
            <div class="ml-auto">
              <CallerStatus />
            </div>
          </div>
        </header>
        <main id="main" class="mx-auto max-w-7xl px-4 py-6">
          <Page path={path} />
        </main>
      </ToastProvider>
    </CallerProvider>
  )
}
