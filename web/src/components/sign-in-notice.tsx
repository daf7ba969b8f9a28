import type { LoadFailure } from '../graphql-request.js'
import { useEffect } from 'preact/hooks'
import { useCaller } from '../caller.js'
import { Link, usePath } from '../router.js'
import { signInPath } from '../session.js'

/**
 * What the page says when the gateway wants an API token (`UNAUTHENTICATED`): a link to sign in,
 * coming back here afterwards. It asks `me` again too, so that a token refused meanwhile (revoked,
 * expired) sends the person to the sign-in page by itself.
 */
export function SignInNotice({ message }: { message: string }) {
  const { caller, refresh } = useCaller()
  const path = usePath()
  useEffect(() => {
    if (caller.state === 'signed-in') refresh()
    // Once, as the refusal shows: the caller it finds decides the rest.
  }, [])
  return (
    <section aria-labelledby="sign-in-title" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <h2 id="sign-in-title" class="font-semibold">
        Sign in needed
      </h2>
      <p class="mt-1 text-sm">
        This Hangar has API tokens, so it only answers requests that carry one ({message}).{' '}
        <Link href={signInPath(path)} class="font-semibold underline">
          Sign in with an API token
        </Link>
        .
      </p>
    </section>
  )
}

/** An error the page could not recover from by itself; the sign-in notice for `UNAUTHENTICATED`. */
export function LoadError({ error }: { error: LoadFailure }) {
  if (error.code === 'UNAUTHENTICATED') return <SignInNotice message={error.message} />
  return (
    <p role="alert" class="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      Could not load: {error.message}
    </p>
  )
}
