import type { CreateServerInput, ServerKind } from './gql/graphql.js'
import type { GraphQLRequestError } from './graphql-request.js'

/** What the person typed and chose in the "New server" form, as strings, as the controls hold them. */
export interface ServerFormValues {
  provider: string
  location: string
  image: string
  /** Empty: what the image makes. */
  kind: '' | ServerKind
  name: string
  cpu: string
  memoryMb: string
  diskGb: string
  password: string
  sshKey: string
  powerOn: boolean
  /** Proxmox: the storage of new disks; empty for the provider's default. */
  'options.storage': string
  /** Proxmox: the bridge of the first network card; empty for the provider's default. */
  'options.bridge': string
  /** Kamatera: A, B, D or T. */
  'options.cpuType': string
  /** Kamatera: hourly or monthly. */
  'options.billing': string
}

/** A control of the form, by the name the gateway's errors give it without `input.`. */
export type ServerFormField = keyof ServerFormValues

/** The form as it first shows. */
export const EMPTY_SERVER_FORM: ServerFormValues = {
  provider: '',
  location: '',
  image: '',
  kind: '',
  name: '',
  cpu: '1',
  memoryMb: '1024',
  diskGb: '10',
  password: '',
  sshKey: '',
  powerOn: true,
  'options.storage': '',
  'options.bridge': '',
  'options.cpuType': 'B',
  'options.billing': 'hourly',
}

/** Errors by control. */
export type ServerFormErrors = Partial<Record<ServerFormField, string>>

const wholeNumber = (text: string): number | undefined => (/^\s*\d+\s*$/.test(text) ? Number(text) : undefined)

/**
 * The `createServer` input of the form, with the options the provider's plugin understands
 * (`proxmox`: storage, bridge; `kamatera`: cpuType, billing); or what must be fixed first, by control,
 * for what the gateway cannot be asked at all (nothing chosen, not a number). Everything else, the
 * gateway checks.
 */
export function serverInput(
  values: ServerFormValues,
  plugin: string | undefined,
): { input: CreateServerInput } | { errors: ServerFormErrors } {
  const errors: ServerFormErrors = {}
  if (!values.provider) errors.provider = 'Choose a provider.'
  if (!values.image) errors.image = 'Choose an image.'
  if (!values.name.trim()) errors.name = 'Give the server a name.'
  const cpu = wholeNumber(values.cpu)
  const memoryMb = wholeNumber(values.memoryMb)
  const diskGb = wholeNumber(values.diskGb)
  if (cpu === undefined) errors.cpu = 'A whole number of cores.'
  if (memoryMb === undefined) errors.memoryMb = 'A whole number of MB.'
  if (diskGb === undefined) errors.diskGb = 'A whole number of GB.'
  if (Object.keys(errors).length > 0) return { errors }
  const options: Record<string, string> = {}
  if (plugin === 'proxmox') {
    if (values['options.storage']) options.storage = values['options.storage']
    if (values['options.bridge']) options.bridge = values['options.bridge']
  } else if (plugin === 'kamatera') {
    options.cpuType = values['options.cpuType']
    options.billing = values['options.billing']
  }
  return {
    input: {
      provider: values.provider,
      ...(values.location ? { location: values.location } : {}),
      image: values.image,
      ...(values.kind ? { kind: values.kind } : {}),
      name: values.name.trim(),
      cpu: cpu!,
      memoryMb: memoryMb!,
      diskGb: diskGb!,
      ...(values.password ? { password: values.password } : {}),
      ...(values.sshKey.trim() ? { sshKey: values.sshKey.trim() } : {}),
      powerOn: values.powerOn,
      ...(Object.keys(options).length > 0 ? { options } : {}),
    },
  }
}

const FIELDS = new Set<string>(Object.keys(EMPTY_SERVER_FORM))

/**
 * The control a `BAD_USER_INPUT` is about: the field its `extensions.field` names, else the one its
 * message starts with (`input.name: ...`); undefined when it names none of the form's controls.
 */
export function fieldOfError(error: GraphQLRequestError): ServerFormField | undefined {
  const named = error.field ?? /^(input\.[A-Za-z0-9_.]+):/.exec(error.message)?.[1]
  const field = named?.replace(/^input\./, '')
  return field && FIELDS.has(field) ? (field as ServerFormField) : undefined
}
