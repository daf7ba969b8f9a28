/** What the page says when the gateway wants an API token (`UNAUTHENTICATED`). */
export function SignInNotice({ message }: { message: string }) {
  return (
    <section aria-labelledby="sign-in-title" class="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <h2 id="sign-in-title" class="font-semibold">
        Sign in needed
      </h2>
      <p class="mt-1 text-sm">
        This Hangar has API tokens, so it only answers requests that carry one ({message}). Until the dashboard takes a token, use{' '}
        <a class="underline" href="/graphql">
          GraphiQL
        </a>{' '}
        with the header <code>Authorization: Bearer &lt;token&gt;</code>, or the <code>hangar</code> CLI with <code>HANGAR_TOKEN</code>.
      </p>
    </section>
  )
}

/** An error the page could not recover from by itself; the sign-in notice for `UNAUTHENTICATED`. */
export function LoadError({ error }: { error: { message: string; code?: string } }) {
  if (error.code === 'UNAUTHENTICATED') return <SignInNotice message={error.message} />
  return (
    <p role="alert" class="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      Could not load: {error.message}
    </p>
  )
}
