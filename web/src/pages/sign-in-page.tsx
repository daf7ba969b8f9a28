import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { Me, useCaller } from '../caller.js'
import { SubmitButton } from '../components/submit-button.js'
import { GraphQLRequestError, request } from '../graphql-request.js'
import { navigate } from '../router.js'
import { changeSessionToken, safeNext } from '../session.js'

/**
 * `/sign-in`: takes an API token, keeps it for this browser session only, and checks it with
 * `me`. A refused token is forgotten at once and the refusal is said next to the field; an accepted
 * one sends the person back where they came from (`?next=`, a path of this dashboard only).
 */
export function SignInPage() {
  const { caller, refresh } = useCaller()
  const [token, setToken] = useState('')
  const [error, setError] = useState<string>()
  const [checking, setChecking] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const ids = { title: useId(), token: useId(), hint: useId(), error: useId() }
  // The page starts in the token field.
  useEffect(() => {
    input.current?.focus()
  }, [])

  const submit = async (event: Event) => {
    event.preventDefault()
    const given = token.trim()
    if (!given) {
      setError('Paste an API token first.')
      input.current?.focus()
      return
    }
    setChecking(true)
    setError(undefined)
    changeSessionToken(given)
    try {
      await request(Me, {})
      refresh()
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true })
    } catch (failure) {
      changeSessionToken(undefined)
      refresh()
      const refused = failure instanceof GraphQLRequestError && failure.code === 'UNAUTHENTICATED'
      setError(
        refused
          ? `This token was refused: ${failure.message}`
          : `Could not check the token: ${(failure as Error).message}`,
      )
      setChecking(false)
      input.current?.focus()
    }
  }

  const openMode = caller.state === 'signed-in' && !caller.withToken
  return (
    <section aria-labelledby={ids.title} class="mx-auto max-w-md">
      <h1 id={ids.title} class="text-2xl font-bold">
        Sign in
      </h1>
      {openMode && (
        <p class="mt-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
          This Hangar has no API tokens, so it needs no sign-in: every request may do everything.
        </p>
      )}
      <form
        class="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        onSubmit={(event) => void submit(event)}
        noValidate
      >
        <label for={ids.token} class="block text-sm font-medium">
          API token
        </label>
        <input
          ref={input}
          id={ids.token}
          name="token"
          type="password"
          autoComplete="current-password"
          spellcheck={false}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
          class={
            'mt-1 w-full rounded-md border border-slate-400 px-3 ' +
            'py-2 font-mono text-sm aria-[invalid]:border-red-700'
          }
        />
        <p id={ids.hint} class="mt-1 text-xs text-slate-700">
          An admin makes one with <code>hangar token create</code>. It is kept in this browser tab only, until you sign
          out or close it.
        </p>
        <p id={ids.error} role="alert" class="mt-2 text-sm font-medium text-red-800 empty:hidden">
          {error ?? ''}
        </p>
        <SubmitButton sending={checking} sendingLabel="Signing in…" class="mt-4">
          Sign in
        </SubmitButton>
      </form>
    </section>
  )
}
