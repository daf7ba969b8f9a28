import { useCaller } from '../caller.js'
import { Link, navigate, usePath } from '../router.js'
import { changeSessionToken, signInPath } from '../session.js'

/**
 * Who the dashboard acts as, in the header: the token's name and role with a Sign out button, the
 * open mode of a gateway without API tokens, or a Sign in link.
 */
export function CallerStatus() {
  const { caller, refresh } = useCaller()
  const path = usePath()
  const signOut = () => {
    changeSessionToken(undefined)
    refresh()
    navigate('/sign-in')
  }
  if (caller.state === 'loading') return <p class="text-sm text-slate-300">Checking who you are…</p>
  if (caller.state === 'signed-in' && caller.withToken)
    return (
      <div class="flex items-center gap-3 text-sm">
        <p data-caller>
          Signed in as <strong class="font-semibold">{caller.name ?? 'an unnamed token'}</strong> ({caller.role})
        </p>
        <button
          type="button"
          class="rounded-md border border-slate-400 px-3 py-1.5 font-medium text-white hover:bg-slate-700"
          onClick={signOut}
        >
          Sign out
        </button>
      </div>
    )
  if (caller.state === 'signed-in')
    return (
      <p class="text-sm text-slate-200" data-caller>
        Open mode (no API tokens): everyone is {caller.role}
      </p>
    )
  return (
    <div class="flex items-center gap-3 text-sm">
      {caller.state === 'unknown' && <p class="text-slate-300">Could not ask who you are</p>}
      <Link
        href={path === '/sign-in' ? '/sign-in' : signInPath(path)}
        class="rounded-md bg-white px-3 py-1.5 font-semibold text-slate-900"
        current={path === '/sign-in'}
      >
        Sign in
      </Link>
    </div>
  )
}
