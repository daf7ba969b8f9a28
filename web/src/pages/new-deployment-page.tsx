import { useEffect, useId, useState } from 'preact/hooks'
import { useCan, useCaller } from '../caller.js'
import { PageHeading } from '../components/page-heading.js'
import { SelectField } from '../components/select-field.js'
import { LoadError } from '../components/sign-in-notice.js'
import { TextField } from '../components/text-field.js'
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

/** The sizes a deployment asks for, with the bounds CreateDeploymentInput takes. */
const SIZES = [
  { field: 'cpu', label: 'CPU cores', min: 1, max: 32 },
  { field: 'memory', label: 'Memory (MB)', min: 512, max: 131072 },
  { field: 'disk', label: 'Disk (GB)', min: 5, max: 2048 },
] as const

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

  /** What ties a control to its field: its id, name, value and error; a change clears the error. */
  const bound = (field: Field) => ({
    id: idOf(field),
    name: field,
    value: values[field],
    error: errors[field],
    announceError: true,
    onValue: (value: string) => {
      setValues((all) => ({ ...all, [field]: value }))
      setErrors(({ [field]: _gone, ...rest }) => rest)
    },
  })

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

  return (
    <section aria-labelledby="new-deployment-title">
      <PageHeading id="new-deployment-title" back={{ href: '/deployments', label: 'All deployments' }}>
        New deployment
      </PageHeading>
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
          <TextField
            {...bound('githubUrl')}
            label="GitHub URL"
            hint="https://github.com/owner/repo(.git)"
            type="url"
            required
            placeholder="https://github.com/acme/app.git"
          />
          <div class="grid gap-4 sm:grid-cols-2">
            <TextField {...bound('branch')} label="Branch" type="text" />
            <TextField
              {...bound('name')}
              label="Name (optional)"
              hint="Lowercase letters, digits and -; default: <framework>-<date>-<time>"
              type="text"
            />
          </div>
          <div class="grid gap-4 sm:grid-cols-3">
            <SelectField {...bound('framework')} label="Framework">
              {frameworks.map((framework) => (
                <option key={framework.id} value={framework.id}>
                  {framework.name} {framework.version}
                </option>
              ))}
            </SelectField>
            <SelectField {...bound('type')} label="Type">
              <option value="VM">VM</option>
              <option value="LXC">LXC container</option>
            </SelectField>
            <SelectField
              {...bound('provider')}
              label="Provider"
              hint={
                able.length === 0
                  ? `No provider can deploy ${values.type === 'VM' ? 'a VM' : 'an LXC container'}.`
                  : undefined
              }
              disabled={able.length === 0}
            >
              {able.map((provider) => (
                <option key={provider.name} value={provider.name}>
                  {provider.name} ({provider.plugin}
                  {provider.connected ? '' : ', not connected'})
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset class="grid gap-4 sm:grid-cols-3">
            <legend class="mb-1 text-sm font-semibold">Resources</legend>
            {SIZES.map(({ field, label, min, max }) => (
              <TextField key={field} {...bound(field)} label={label} type="number" min={min} max={max} step={1} />
            ))}
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
