import type { ComponentChildren } from 'preact'
import { useEffect, useId, useState } from 'preact/hooks'
import { useCan, useCaller } from '../caller.js'
import { LoadError } from '../components/sign-in-notice.js'
import { CreateDeployment, DeployProviders, FrameworkStages } from '../documents.js'
import type { DashboardDeployProvidersQuery, DashboardFrameworksQuery, DeploymentType } from '../gql/graphql.js'
import { failureOf, GraphQLRequestError, type LoadFailure, request } from '../graphql-request.js'
import { Link, navigate } from '../router.js'
import { useNotify } from '../toasts.js'
import { deploymentPath } from './deployments-page.js'

/** The fields of the form, as CreateDeploymentInput names them. */
type Field = 'name' | 'githubUrl' | 'branch' | 'framework' | 'type' | 'provider' | 'cpu' | 'memory' | 'disk'
const FIELDS: readonly Field[] = [
  'name',
  'githubUrl',
  'branch',
  'framework',
  'type',
  'provider',
  'cpu',
  'memory',
  'disk',
]

/** The capability a provider needs to deploy a type (the engine's `deploy:vm` / `deploy:lxc`). */
const CAPABILITY: Record<DeploymentType, string> = { VM: 'deploy:vm', LXC: 'deploy:lxc' }

/** CreateDeploymentInput's defaults. */
const DEFAULTS = { cpu: 2, memory: 2048, disk: 20 }

/**
 * The field an input error names: `extensions.field` (`input.githubUrl`), or else the message's
 * leading `githubUrl: ...` / `input.githubUrl: ...`.
 */
function fieldOf(error: GraphQLRequestError): Field | undefined {
  const named = (error.field ?? /^(?:input\.)?([A-Za-z]+):/.exec(error.message)?.[1] ?? '').replace(/^input\./, '')
  return (FIELDS as readonly string[]).includes(named) ? (named as Field) : undefined
}

/** A labelled field with its hint and, when the gateway refused it, its error (tied with aria-describedby). */
function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: string
  hint?: string
  error?: string
  children: ComponentChildren
}) {
  return (
    <div>
      <label for={id} class="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} class="mt-1 text-xs text-slate-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" class="mt-1 text-sm font-medium text-red-800" data-field-error>
          {error}
        </p>
      )}
    </div>
  )
}

const input =
  'mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-700'

/**
 * A form for a new deployment: the repository, framework, type, a provider that can deploy that
 * type, and sizes with the schema's defaults. The gateway checks everything; a refused field gets
 * its message next to it, and a created deployment's page opens.
 */
export function NewDeploymentPage() {
  const can = useCan()
  const { caller } = useCaller()
  const notify = useNotify()
  const base = useId()
  const idOf = (field: Field) => `${base}-${field}`
  const [frameworks, setFrameworks] = useState<DashboardFrameworksQuery['frameworks']>()
  const [providers, setProviders] = useState<DashboardDeployProvidersQuery['providers']>()
  const [loadFailure, setLoadFailure] = useState<LoadFailure>()
  const [values, setValues] = useState({
    name: '',
    githubUrl: '',
    branch: 'main',
    framework: '',
    type: 'VM' as DeploymentType,
    provider: '',
    cpu: String(DEFAULTS.cpu),
    memory: String(DEFAULTS.memory),
    disk: String(DEFAULTS.disk),
  })
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [formError, setFormError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)

  useEffect(() => {
    Promise.all([request(FrameworkStages, {}), request(DeployProviders, {})])
      .then(([frameworkAnswer, providerAnswer]) => {
        setFrameworks(frameworkAnswer.frameworks)
        setProviders(providerAnswer.providers)
        setValues((all) => ({ ...all, framework: all.framework || frameworkAnswer.frameworks[0]?.id || '' }))
      })
      .catch((error: unknown) => setLoadFailure(failureOf(error)))
  }, [])

  const able = (providers ?? []).filter((provider) => provider.capabilities.includes(CAPABILITY[values.type]))
  // The provider chosen must be able to deploy the type chosen; the first one that can otherwise.
  useEffect(() => {
    if (providers && !able.some((provider) => provider.name === values.provider))
      setValues((all) => ({ ...all, provider: able[0]?.name ?? '' }))
  }, [providers, values.type])

  const set = (field: Field) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement | HTMLSelectElement).value
    setValues((all) => ({ ...all, [field]: value }))
    setErrors(({ [field]: _gone, ...rest }) => rest)
  }

  const submit = async (event: Event) => {
    event.preventDefault()
    setSubmitting(true)
    setErrors({})
    setFormError(undefined)
    try {
      const { createDeployment } = await request(CreateDeployment, {
        input: {
          name: values.name.trim() || null,
          githubUrl: values.githubUrl.trim(),
          branch: values.branch.trim() || null,
          framework: values.framework,
          type: values.type,
          provider: values.provider || null,
          cpu: Number(values.cpu),
          memory: Number(values.memory),
          disk: Number(values.disk),
        },
      })
      notify('success', `Deployment ${createDeployment.name} created; it is on its way.`)
      navigate(deploymentPath(createDeployment.id))
    } catch (error) {
      const field = error instanceof GraphQLRequestError ? fieldOf(error) : undefined
      if (field) {
        setErrors({ [field]: (error as Error).message })
        document.getElementById(idOf(field))?.focus()
      } else {
        setFormError((error as Error).message)
        notify('error', `Could not create the deployment: ${(error as Error).message}`)
      }
    } finally {
      setSubmitting(false)
    }
  }

  const describedBy = (field: Field, hint = false) =>
    [hint ? `${idOf(field)}-hint` : '', errors[field] ? `${idOf(field)}-error` : ''].filter(Boolean).join(' ') ||
    undefined
  const invalid = (field: Field) => (errors[field] ? true : undefined)

  return (
    <section aria-labelledby="new-deployment-title">
      <Link href="/deployments" class="text-sm text-blue-800 underline">
        ← All deployments
      </Link>
      <h1 id="new-deployment-title" class="mt-2 text-2xl font-bold">
        New deployment
      </h1>
      {loadFailure ? (
        <div class="mt-4">
          <LoadError error={loadFailure} />
        </div>
      ) : caller.state === 'signed-in' && !can('createDeployment') ? (
        <p class="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          Your role ({caller.role}) may not create deployments; an operator or admin can.
        </p>
      ) : !frameworks || !providers ? (
        <p class="mt-4 text-sm text-slate-700">Loading…</p>
      ) : (
        <form
          class="mt-4 grid max-w-2xl gap-4 rounded-lg border border-slate-200 bg-white p-6"
          onSubmit={(event) => void submit(event)}
          noValidate
        >
          <FormField
            id={idOf('githubUrl')}
            label="GitHub URL"
            hint="https://github.com/owner/repo(.git)"
            error={errors.githubUrl}
          >
            <input
              id={idOf('githubUrl')}
              name="githubUrl"
              type="url"
              required
              class={input}
              value={values.githubUrl}
              onInput={set('githubUrl')}
              aria-invalid={invalid('githubUrl')}
              aria-describedby={describedBy('githubUrl', true)}
              placeholder="https://github.com/acme/app.git"
            />
          </FormField>
          <div class="grid gap-4 sm:grid-cols-2">
            <FormField id={idOf('branch')} label="Branch" error={errors.branch}>
              <input
                id={idOf('branch')}
                name="branch"
                type="text"
                class={input}
                value={values.branch}
                onInput={set('branch')}
                aria-invalid={invalid('branch')}
                aria-describedby={describedBy('branch')}
              />
            </FormField>
            <FormField
              id={idOf('name')}
              label="Name (optional)"
              hint="Lowercase letters, digits and -; default: <framework>-<date>-<time>"
              error={errors.name}
            >
              <input
                id={idOf('name')}
                name="name"
                type="text"
                class={input}
                value={values.name}
                onInput={set('name')}
                aria-invalid={invalid('name')}
                aria-describedby={describedBy('name', true)}
              />
            </FormField>
          </div>
          <div class="grid gap-4 sm:grid-cols-3">
            <FormField id={idOf('framework')} label="Framework" error={errors.framework}>
              <select
                id={idOf('framework')}
                name="framework"
                class={input}
                value={values.framework}
                onChange={set('framework')}
                aria-invalid={invalid('framework')}
                aria-describedby={describedBy('framework')}
              >
                {frameworks.map((framework) => (
                  <option key={framework.id} value={framework.id}>
                    {framework.name} {framework.version}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={idOf('type')} label="Type" error={errors.type}>
              <select
                id={idOf('type')}
                name="type"
                class={input}
                value={values.type}
                onChange={set('type')}
                aria-invalid={invalid('type')}
                aria-describedby={describedBy('type')}
              >
                <option value="VM">VM</option>
                <option value="LXC">LXC container</option>
              </select>
            </FormField>
            <FormField
              id={idOf('provider')}
              label="Provider"
              hint={
                able.length === 0
                  ? `No provider can deploy ${values.type === 'VM' ? 'a VM' : 'an LXC container'}.`
                  : undefined
              }
              error={errors.provider}
            >
              <select
                id={idOf('provider')}
                name="provider"
                class={input}
                value={values.provider}
                onChange={set('provider')}
                aria-invalid={invalid('provider')}
                aria-describedby={describedBy('provider', able.length === 0)}
                disabled={able.length === 0}
              >
                {able.map((provider) => (
                  <option key={provider.name} value={provider.name}>
                    {provider.name} ({provider.plugin}
                    {provider.connected ? '' : ', not connected'})
                  </option>
                ))}
              </select>
            </FormField>
          </div>
          <fieldset class="grid gap-4 sm:grid-cols-3">
            <legend class="mb-1 text-sm font-semibold">Resources</legend>
            <FormField id={idOf('cpu')} label="CPU cores" error={errors.cpu}>
              <input
                id={idOf('cpu')}
                name="cpu"
                type="number"
                min={1}
                max={32}
                step={1}
                class={input}
                value={values.cpu}
                onInput={set('cpu')}
                aria-invalid={invalid('cpu')}
                aria-describedby={describedBy('cpu')}
              />
            </FormField>
            <FormField id={idOf('memory')} label="Memory (MB)" error={errors.memory}>
              <input
                id={idOf('memory')}
                name="memory"
                type="number"
                min={512}
                max={131072}
                step={1}
                class={input}
                value={values.memory}
                onInput={set('memory')}
                aria-invalid={invalid('memory')}
                aria-describedby={describedBy('memory')}
              />
            </FormField>
            <FormField id={idOf('disk')} label="Disk (GB)" error={errors.disk}>
              <input
                id={idOf('disk')}
                name="disk"
                type="number"
                min={5}
                max={2048}
                step={1}
                class={input}
                value={values.disk}
                onInput={set('disk')}
                aria-invalid={invalid('disk')}
                aria-describedby={describedBy('disk')}
              />
            </FormField>
          </fieldset>
          {formError && (
            <p role="alert" class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              Could not create the deployment: {formError}
            </p>
          )}
          <div class="flex gap-3">
            <button
              type="submit"
              disabled={submitting || able.length === 0}
              class={
                'rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold ' +
                'text-white disabled:cursor-not-allowed disabled:opacity-50'
              }
            >
              {submitting ? 'Creating…' : 'Create deployment'}
            </button>
            <Link href="/deployments" class="rounded-md border border-slate-400 px-4 py-2 text-sm">
              Cancel
            </Link>
          </div>
        </form>
      )}
    </section>
  )
}
