import { useEffect, useRef, useState } from 'preact/hooks'
import { useCan } from '../caller.js'
import { controlClass, FormField } from '../components/form-field.js'
import { FormSection } from '../components/form-section.js'
import { SelectField } from '../components/select-field.js'
import { PageHeading } from '../components/page-heading.js'
import { LoadError } from '../components/sign-in-notice.js'
import { SubmitButton } from '../components/submit-button.js'
import { TextField } from '../components/text-field.js'
import {
  EMPTY_SERVER_FORM,
  fieldOfError,
  serverInput,
  type ServerFormErrors,
  type ServerFormField,
  type ServerFormValues,
} from '../create-server-form.js'
import { CreateCatalog, CreateProviders, CreateServer } from '../documents.js'
import { followOperation, type FollowedOperation } from '../follow-operation.js'
import type { DashboardCatalogQuery, DashboardCreateProvidersQuery } from '../gql/graphql.js'
import { failureOf, GraphQLRequestError, type LoadFailure, request } from '../graphql-request.js'
import { Link, navigate, serverPath } from '../router.js'
import { useNotify } from '../toasts.js'

type Catalog = DashboardCatalogQuery['catalog']
type CreateProvider = DashboardCreateProvidersQuery['providers'][number]
/** The id of a control's element, from its field name (`options.storage` → `new-server-options-storage`). */
const idOf = (field: ServerFormField) => `new-server-${field.replace('.', '-')}`

/** What each control is called on the page, for the summary of what to fix. */
const LABELS: Record<ServerFormField, string> = {
  provider: 'Provider',
  location: 'Location',
  image: 'Image',
  kind: 'Kind',
  name: 'Name',
  cpu: 'CPU cores',
  memoryMb: 'Memory (MB)',
  diskGb: 'Disk (GB)',
  password: 'Root password',
  sshKey: 'SSH public key',
  powerOn: 'Power on once made',
  'options.storage': 'Storage',
  'options.bridge': 'Network bridge',
  'options.cpuType': 'CPU type',
  'options.billing': 'Billing',
}

/** The size fields, each with the suggestions its `<datalist>` offers. */
const SIZES = [
  { name: 'cpu', list: 'new-server-cpu-steps' },
  { name: 'memoryMb', list: 'new-server-memory-steps' },
  { name: 'diskGb', list: 'new-server-disk-steps' },
] as const

/** Suggestions of a number field: a `<datalist>`, so any other value can still be typed. */
function Suggestions({ id, values, unit }: { id: string; values: readonly number[]; unit?: string }) {
  return (
    <datalist id={id}>
      {values.map((value) => (
        <option key={value} value={String(value)}>
          {unit ? `${value} ${unit}` : String(value)}
        </option>
      ))}
    </datalist>
  )
}

/**
 * `/servers/new`: a server of any provider that can create, from its catalog: the location, an
 * image there, the sizes (suggested where the provider has steps, any typed value allowed), a login
 * and the provider's own options. The gateway checks the input; what it refuses is shown next to
 * the field it names. Once accepted, the operation is followed here with its log, and the person is
 * taken to the new server's page.
 */
export function NewServerPage() {
  const can = useCan()
  const notify = useNotify()
  const [providers, setProviders] = useState<CreateProvider[]>()
  const [locations, setLocations] = useState<Catalog['locations']>([])
  const [catalog, setCatalog] = useState<Catalog>()
  const [failure, setFailure] = useState<LoadFailure>()
  const [catalogFailure, setCatalogFailure] = useState<string>()
  const [values, setValues] = useState<ServerFormValues>(EMPTY_SERVER_FORM)
  const [errors, setErrors] = useState<ServerFormErrors>({})
  const [formError, setFormError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)
  const [operation, setOperation] = useState<FollowedOperation>()
  const form = useRef<HTMLFormElement>(null)

  const plugin = providers?.find((provider) => provider.name === values.provider)?.plugin

  const set = <Field extends ServerFormField>(
    field: Field,
    value: ServerFormValues[Field],
    reset: Partial<ServerFormValues> = {},
  ) => {
    setValues((all) => ({ ...all, ...reset, [field]: value }))
    setErrors(({ [field]: _fixed, ...rest }) => rest)
  }

  useEffect(() => {
    request(CreateProviders, {})
      .then((answer) => {
        const creating = answer.providers.filter((provider) => provider.capabilities.includes('create'))
        setProviders(creating)
        if (creating[0]) setValues((all) => (all.provider ? all : { ...all, provider: creating[0]!.name }))
      })
      .catch((error: unknown) => setFailure(failureOf(error)))
  }, [])

  // The provider's locations; the first is chosen unless one of them already is.
  useEffect(() => {
    if (!values.provider) return
    let current = true
    setLocations([])
    setCatalog(undefined)
    setCatalogFailure(undefined)
    request(CreateCatalog, { provider: values.provider, location: null })
      .then(({ catalog: all }) => {
        if (!current) return
        setLocations(all.locations)
        setValues((form) =>
          all.locations.some((location) => location.id === form.location)
            ? form
            : { ...form, location: all.locations[0]?.id ?? '' },
        )
      })
      .catch(
        (error: unknown) =>
          current && setCatalogFailure(`Could not read the catalog of ${values.provider}: ${(error as Error).message}`),
      )
    return () => {
      current = false
    }
  }, [values.provider])

  // What the chosen location offers: images, CPU types, disk sizes, storages, networks.
  useEffect(() => {
    if (!values.provider || !values.location) return
    let current = true
    setCatalog(undefined)
    request(CreateCatalog, { provider: values.provider, location: values.location })
      .then((answer) => current && setCatalog(answer.catalog))
      .catch(
        (error: unknown) =>
          current && setCatalogFailure(`Could not read what ${values.location} offers: ${(error as Error).message}`),
      )
    return () => {
      current = false
    }
  }, [values.provider, values.location])

  // The catalog asked for this location lists what it can use: its own images, and templates kept on
  // another node that a copy brings here (their location says where they are).
  const images = catalog?.images ?? []
  const storages = (catalog?.storages ?? []).filter((storage) => storage.location === values.location)
  const diskStorages = storages.some(
    (storage) => storage.content.includes('images') || storage.content.includes('rootdir'),
  )
    ? storages.filter((storage) => storage.content.includes('images') || storage.content.includes('rootdir'))
    : storages
  const networks = (catalog?.networks ?? []).filter((network) => network.location === values.location)
  const cpuTypes = catalog?.cpuTypes ?? []
  const cpuType =
    (plugin === 'kamatera' ? cpuTypes.find((type) => type.id === values['options.cpuType']) : undefined) ?? cpuTypes[0]

  const focusField = (field: ServerFormField) => setTimeout(() => document.getElementById(idOf(field))?.focus(), 0)

  const submit = async (event: Event) => {
    event.preventDefault()
    if (submitting) return
    setFormError(undefined)
    const built = serverInput(values, plugin)
    if ('errors' in built) {
      setErrors(built.errors)
      focusField(Object.keys(built.errors)[0] as ServerFormField)
      return
    }
    setErrors({})
    setSubmitting(true)
    let started: FollowedOperation
    try {
      started = (await request(CreateServer, { input: built.input })).createServer
    } catch (error) {
      setSubmitting(false)
      if (error instanceof GraphQLRequestError && error.code === 'BAD_USER_INPUT') {
        const field = fieldOfError(error)
        if (field) {
          setErrors({ [field]: error.message.replace(/^input\.[A-Za-z0-9_.]+:\s*/, '') })
          focusField(field)
          return
        }
      }
      setFormError(`Could not create ${built.input.name}: ${(error as Error).message}`)
      return
    }
    setOperation(started)
    try {
      const ended = await followOperation(started, { onChange: setOperation })
      setOperation(ended)
      if (ended.status === 'SUCCEEDED') {
        notify('success', `${built.input.name} created.`)
        navigate(ended.serverId ? serverPath(ended.serverId) : '/')
        return
      }
      notify('error', `Could not create ${built.input.name}: ${ended.error ?? 'the operation failed'}`)
    } catch (error) {
      notify('error', `Could not follow the creation of ${built.input.name}: ${(error as Error).message}`)
    }
    setSubmitting(false)
  }

  /** What ties a control to its field: its id, label, name, value and error; a change clears the error. */
  const bound = (name: Exclude<ServerFormField, 'powerOn'>) => ({
    id: idOf(name),
    label: LABELS[name],
    name,
    value: values[name],
    error: errors[name],
    onValue: (value: string) => set(name, value as never),
  })

  if (failure) return <LoadError error={failure} />
  return (
    <section aria-labelledby="new-server-title" class="mx-auto max-w-3xl">
      <PageHeading id="new-server-title" back={{ href: '/', label: 'All servers' }}>
        New server
      </PageHeading>
      {!can('createServer') && (
        <p class="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          Making a server takes the operator role; the gateway will refuse it for this caller.
        </p>
      )}
      {!providers ? (
        <p class="mt-4 text-sm text-slate-700">Loading providers…</p>
      ) : providers.length === 0 ? (
        <p class="mt-4 text-sm text-slate-700">No provider of this Hangar can create servers.</p>
      ) : (
        <form
          ref={form}
          class="mt-4 space-y-6"
          noValidate
          onSubmit={(event) => void submit(event)}
          aria-busy={submitting}
        >
          <FormSection legend="Where and what" disabled={submitting}>
            <SelectField
              {...bound('provider')}
              onValue={(value) =>
                set('provider', value, {
                  location: '',
                  image: '',
                  kind: '',
                  'options.storage': '',
                  'options.bridge': '',
                })
              }
            >
              {providers.map((provider) => (
                <option key={provider.name} value={provider.name}>
                  {provider.name} ({provider.plugin}){provider.connected ? '' : ', not answering'}
                </option>
              ))}
            </SelectField>
            <SelectField
              {...bound('location')}
              onValue={(value) => set('location', value, { image: '', 'options.storage': '', 'options.bridge': '' })}
            >
              {locations.length === 0 && <option value="">Loading locations…</option>}
              {locations.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name.startsWith(location.id) ? location.name : `${location.id}: ${location.name}`}
                </option>
              ))}
            </SelectField>
            <SelectField {...bound('image')} class="sm:col-span-2">
              <option value="">
                {catalog ? (images.length > 0 ? 'Choose an image' : 'No image at this location') : 'Loading images…'}
              </option>
              {images.map((image) => (
                <option key={image.id} value={image.id}>
                  {image.name}
                  {image.os ? ` (${image.os})` : ''}
                  {image.location !== values.location ? `, kept on ${image.location}, copied here` : ''}
                </option>
              ))}
            </SelectField>
            <SelectField
              {...bound('kind')}
              hint={
                plugin === 'kamatera'
                  ? 'Kamatera makes VMs only.'
                  : 'A Proxmox container template makes a container; anything else a VM.'
              }
            >
              <option value="">What the image makes</option>
              <option value="VM">VM</option>
              {plugin !== 'kamatera' && <option value="CONTAINER">Container</option>}
            </SelectField>
            <TextField
              {...bound('name')}
              hint="Letters, digits and dashes."
              type="text"
              autoComplete="off"
              spellcheck={false}
            />
          </FormSection>

          <FormSection legend="Size" columns={3} disabled={submitting}>
            {SIZES.map(({ name, list }) => (
              <TextField key={name} {...bound(name)} type="number" min={1} step={1} inputMode="numeric" list={list} />
            ))}
            <Suggestions id="new-server-cpu-steps" values={cpuType?.cores ?? []} />
            <Suggestions id="new-server-memory-steps" values={cpuType?.memoryMb ?? []} unit="MB" />
            <Suggestions id="new-server-disk-steps" values={catalog?.diskSizesGb ?? []} unit="GB" />
          </FormSection>

          <FormSection legend="Login" disabled={submitting}>
            <TextField
              {...bound('password')}
              hint={
                plugin === 'kamatera'
                  ? '10 to 20 characters with an upper-case letter, ' +
                    'a lower-case letter and a digit. Never stored by Hangar.'
                  : 'Optional with an SSH key. Never stored by Hangar.'
              }
              type="password"
              autoComplete="new-password"
            />
            <FormField
              id={idOf('sshKey')}
              label={LABELS.sshKey}
              hint="One or more OpenSSH public keys, one per line."
              error={errors.sshKey}
            >
              {(control) => (
                <textarea
                  {...control}
                  name="sshKey"
                  rows={3}
                  spellcheck={false}
                  class={`${controlClass} font-mono text-xs`}
                  value={values.sshKey}
                  onInput={(event) => set('sshKey', event.currentTarget.value)}
                />
              )}
            </FormField>
            <div class="flex items-center gap-2 sm:col-span-2">
              <input
                id={idOf('powerOn')}
                name="powerOn"
                type="checkbox"
                class="h-4 w-4"
                checked={values.powerOn}
                onChange={(event) => set('powerOn', event.currentTarget.checked)}
              />
              <label for={idOf('powerOn')} class="text-sm font-medium">
                Power on once made
              </label>
            </div>
          </FormSection>

          {(plugin === 'proxmox' || plugin === 'kamatera') && (
            <FormSection legend={plugin === 'proxmox' ? 'Proxmox options' : 'Kamatera options'} disabled={submitting}>
              {plugin === 'proxmox' ? (
                <>
                  <SelectField {...bound('options.storage')}>
                    <option value="">Default (the template's, or local-lvm)</option>
                    {diskStorages.map((storage) => (
                      <option key={storage.id} value={storage.id}>
                        {storage.id} ({storage.type}
                        {storage.availableGb != null ? `, ${storage.availableGb} GB free` : ''})
                      </option>
                    ))}
                  </SelectField>
                  <SelectField {...bound('options.bridge')}>
                    <option value="">Default (vmbr0)</option>
                    {networks.map((network) => (
                      <option key={network.id} value={network.id}>
                        {network.id}
                        {network.description ? ` (${network.description})` : ''}
                      </option>
                    ))}
                  </SelectField>
                </>
              ) : (
                <>
                  <SelectField {...bound('options.cpuType')}>
                    {(cpuTypes.length > 0
                      ? cpuTypes
                      : [{ id: values['options.cpuType'], name: `Type ${values['options.cpuType']}` }]
                    ).map((type) => (
                      <option key={type.id} value={type.id}>
                        {type.name}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField {...bound('options.billing')}>
                    <option value="hourly">Hourly</option>
                    <option value="monthly">Monthly</option>
                  </SelectField>
                </>
              )}
            </FormSection>
          )}

          {catalogFailure && (
            <p role="alert" class="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              {catalogFailure}
            </p>
          )}
          {formError && (
            <p role="alert" class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              {formError}
            </p>
          )}
          {Object.keys(errors).length > 0 && (
            <p role="alert" class="text-sm font-medium text-red-800">
              Fix what is marked: {(Object.keys(errors) as ServerFormField[]).map((name) => LABELS[name]).join(', ')}.
            </p>
          )}

          <div class="flex items-center gap-3">
            <SubmitButton sending={submitting} sendingLabel="Creating…">
              Create server
            </SubmitButton>
            <Link href="/" class="text-sm text-slate-800 underline">
              Cancel
            </Link>
          </div>
        </form>
      )}

      {operation && <OperationProgress operation={operation} name={values.name.trim()} />}
    </section>
  )
}

/** The creation as it goes: its status in a live region, and the provider's log lines. */
function OperationProgress({ operation, name }: { operation: FollowedOperation; name: string }) {
  const words = { PENDING: 'waiting to start', RUNNING: 'in progress', SUCCEEDED: 'done', FAILED: 'failed' }[
    operation.status
  ]
  return (
    <section
      aria-labelledby="create-progress-title"
      class="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      data-operation-status={operation.status}
    >
      <h2 id="create-progress-title" class="text-lg font-semibold">
        Creating {name}
      </h2>
      <p role="status" class="mt-1 text-sm font-medium">
        {operation.status === 'FAILED' ? `Failed: ${operation.error ?? 'the operation failed'}` : `Status: ${words}`}
      </p>
      <ol
        aria-label="Operation log"
        class="mt-3 max-h-80 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-100"
      >
        {(operation.logs ?? []).length === 0 ? (
          <li class="text-slate-400">No log line yet.</li>
        ) : (
          (operation.logs ?? []).map((line, index) => <li key={index}>{line}</li>)
        )}
      </ol>
    </section>
  )
}
