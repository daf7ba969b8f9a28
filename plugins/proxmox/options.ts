import { z } from 'zod'

const PORT_ERROR = 'must be a port number from 1 to 65535'
const TEMPLATE_ERROR = "must be a VM template's vmid (9000) or its name"

/**
 * A whole number of milliseconds, at least `min`, with one message for every way to get it wrong
 * (these also come from `PROXMOX_*_MS` variables, where "expected number" would not help).
 */
const milliseconds = (min: 0 | 1 = 1) => {
  const error =
    min === 1 ? 'must be a whole number of milliseconds, more than 0' : 'must be a whole number of milliseconds'
  return z.number({ error }).int({ error }).min(min, { error })
}

/**
 * Options of one Proxmox VE provider instance, from the config file or the `PROXMOX_*`
 * variables. Authenticate with an API token (recommended) or a user and password (ticket auth).
 */
export const proxmoxOptionsSchema = z
  .object({
    /** `https://host:8006`; a trailing `/api2/json` is accepted and dropped. */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://pve.example:8006' }),
    /** `user@realm!tokenname`. */
    tokenId: z
      .string()
      .regex(/^[^@\s]+@[^!\s]+![^=\s]+$/, 'must look like user@realm!tokenname')
      .optional(),
    tokenSecret: z.string().min(1).optional(),
    /** `root@pam`; with `password`, for ticket authentication. */
    username: z
      .string()
      .regex(/^[^@\s]+@\S+$/, 'must look like user@realm, e.g. root@pam')
      .optional(),
    password: z.string().min(1).optional(),
    /** The node new guests go to by default; listing always covers every node. */
    node: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be a Proxmox node name')
      .optional(),
    /** Skip TLS certificate checks for this provider only (a fresh node's self-signed cert). */
    insecureTls: z.boolean({ error: 'must be true or false (1/0)' }).default(false),
    /** A PEM file holding the node's CA (or its self-signed certificate). */
    caFile: z.string().min(1).optional(),
    /** Timeout of one HTTP request. */
    requestTimeoutMs: milliseconds().default(15_000),
    /** How long lock and transient errors are retried before giving up. */
    retryDeadlineMs: milliseconds(0).default(20_000),
    /** How often tasks are polled. */
    pollIntervalMs: milliseconds().default(1_000),
    /** How long the core follows one task before recording it as failed. */
    taskTimeoutMs: milliseconds().default(15 * 60_000),
    /** Renew a ticket once it is this old (tickets last 2 hours). */
    ticketRenewAfterMs: milliseconds().default(60 * 60_000),
    /**
     * The QEMU template deployment VMs are cloned from: its vmid (`9000`) or its name. Default: the
     * first VM template (`template: 1`) of `/cluster/resources`. It should carry a cloud-init drive
     * and the QEMU guest agent, since the VM's address is read from the agent.
     */
    vmTemplate: z
      .union(
        [
          z.number().int({ error: TEMPLATE_ERROR }).positive({ error: TEMPLATE_ERROR }),
          z.string().regex(/^\S+$/, { error: TEMPLATE_ERROR }),
        ],
        { error: TEMPLATE_ERROR },
      )
      .optional(),
    /**
     * The `vztmpl` volume deployment containers are made from, e.g.
     * `local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst`. Default: the first one on the node's storages.
     */
    lxcTemplate: z
      .string()
      .regex(/^[^:\s]+:\S+$/, 'must be a volume id such as local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst')
      .optional(),
    /**
     * The storage new guest disks go to. Containers' root disks default to `local-lvm`; VM clones
     * keep the template's storage unless this is set.
     */
    storage: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'must be a Proxmox storage id')
      .optional(),
    /** The port deployment guests answer SSH on (the same for every guest of this provider). */
    guestSshPort: z
      .number({ error: PORT_ERROR })
      .int({ error: PORT_ERROR })
      .min(1, { error: PORT_ERROR })
      .max(65_535, { error: PORT_ERROR })
      .default(22),
    /** How long making one deployment guest may take, from the clone or create to its address. */
    provisionTimeoutMs: milliseconds().default(15 * 60_000),
    /** How long a started deployment guest has to report an address (first boots can be slow). */
    addressTimeoutMs: milliseconds().default(5 * 60_000),
    /**
     * How often the addresses of running guests are read in the background for the server list
     * (guest agent for VMs, `interfaces` for containers); `server(id)` always reads them live.
     */
    addressRefreshMs: z
      .number({ error: 'must be a whole number of milliseconds, at least 100' })
      .int({ error: 'must be a whole number of milliseconds, at least 100' })
      .min(100, { error: 'must be a whole number of milliseconds, at least 100' })
      .default(30_000),
  })
  .strict()
  .superRefine((options, context) => {
    const token = options.tokenId !== undefined || options.tokenSecret !== undefined
    const ticket = options.username !== undefined || options.password !== undefined
    if (token) {
      if (!options.tokenId)
        context.addIssue({ code: 'custom', path: ['tokenId'], message: 'required with tokenSecret' })
      if (!options.tokenSecret)
        context.addIssue({ code: 'custom', path: ['tokenSecret'], message: 'required with tokenId' })
    } else if (ticket) {
      if (!options.username) context.addIssue({ code: 'custom', path: ['username'], message: 'required with password' })
      if (!options.password) context.addIssue({ code: 'custom', path: ['password'], message: 'required with username' })
    } else {
      context.addIssue({
        code: 'custom',
        path: ['tokenId'],
        message: 'credentials are required: an API token (id and secret) or a user and password',
      })
    }
    if (options.insecureTls && options.caFile) {
      context.addIssue({
        code: 'custom',
        path: ['insecureTls'],
        message: 'choose either a CA file or insecure TLS, not both',
      })
    }
  })

export type ProxmoxOptions = z.infer<typeof proxmoxOptionsSchema>
