import { z } from 'zod'

const PORT_ERROR = 'must be a port number from 1 to 65535'

/** A whole number of milliseconds, more than 0. */
const milliseconds = () => z.number().int().positive()

/**
 * Options of one Kamatera provider instance, from the config file or the `KAMATERA_*` variables.
 * Credentials are the console's API key pair (Client ID and Secret), sent as the `AuthClientId`
 * and `AuthSecret` headers of the cloudcli API. `apiKey` is that same pair written as one value,
 * `CLIENT_ID:SECRET`, for the seed's `KAMATERA_API_KEY`.
 */
export const kamateraOptionsSchema = z
  .object({
    /** The cloudcli API; another base (a proxy, the simulator) via `KAMATERA_API_URL`. */
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://cloudcli.cloudwm.com' })
      .default('https://cloudcli.cloudwm.com'),
    clientId: z.string().min(1).optional(),
    secret: z.string().min(1).optional(),
    /** `CLIENT_ID:SECRET`: the API key pair as one value. */
    apiKey: z
      .string()
      .regex(/^[^:\s]+:\S+$/, 'must be the API key pair written as CLIENT_ID:SECRET')
      .optional(),
    /** Timeout of one read. */
    requestTimeoutMs: milliseconds().default(30_000),
    /** Timeout of one call that starts work; a create can take minutes to answer. */
    actionTimeoutMs: milliseconds().default(5 * 60_000),
    /** How long reads are retried (no answer, a 5xx, a 429 after its `Retry-After`) before giving up. */
    retryDeadlineMs: z.number().int().nonnegative().default(20_000),
    /** How often the command queue is polled. */
    pollIntervalMs: milliseconds().default(2_000),
    /** How long the core follows one command (Terraform waits 40 minutes). */
    commandTimeoutMs: milliseconds().default(40 * 60_000),
    /** How long a create whose outcome is unknown (answer lost, queue unreadable) is looked for in the server list. */
    createRecoveryMs: milliseconds().default(10 * 60_000),
    /** How long server details (one batched info call) are reused. */
    infoCacheMs: z.number().int().nonnegative().default(15_000),
    /** The datacenter deployment guests go to when the deployment names none. */
    guestDatacenter: z.string().min(1).default('EU'),
    /**
     * The disk image of deployment guests: an image id (`EU:6000C29...`) or its description, as `catalog` lists them.
     */
    guestImage: z.string().min(1).default('Ubuntu Server version 22.04 LTS (jammy) 64-bit'),
    /** The CPU type of deployment guests: A availability, B general purpose, D dedicated, T burstable. */
    guestCpuType: z.enum(['A', 'B', 'D', 'T']).default('B'),
    /** The port deployment guests answer SSH on (the same for every guest of this provider). */
    guestSshPort: z
      .number({ error: PORT_ERROR })
      .int({ error: PORT_ERROR })
      .min(1, { error: PORT_ERROR })
      .max(65_535, { error: PORT_ERROR })
      .default(22),
    /** How long making one deployment guest may take, from the create to its public address. */
    provisionTimeoutMs: milliseconds().default(15 * 60_000),
  })
  .strict()
  .superRefine((options, context) => {
    if (options.apiKey) {
      if (options.clientId || options.secret)
        context.addIssue({
          code: 'custom',
          path: ['apiKey'],
          message: 'give either the API key or the client id and secret, not both',
        })
      return
    }
    if (!options.clientId && !options.secret) {
      context.addIssue({
        code: 'custom',
        path: ['apiKey'],
        message: 'credentials are required: the API key (CLIENT_ID:SECRET) or the client id and secret',
      })
      return
    }
    if (!options.clientId) context.addIssue({ code: 'custom', path: ['clientId'], message: 'required with the secret' })
    if (!options.secret) context.addIssue({ code: 'custom', path: ['secret'], message: 'required with the client id' })
  })

export type KamateraOptions = z.infer<typeof kamateraOptionsSchema>

/** The header pair, whichever way the credentials were given. */
export function credentialsOf(options: KamateraOptions): { clientId: string; secret: string } {
  if (options.apiKey) {
    const colon = options.apiKey.indexOf(':')
    return { clientId: options.apiKey.slice(0, colon), secret: options.apiKey.slice(colon + 1) }
  }
  return { clientId: options.clientId!, secret: options.secret! }
}
