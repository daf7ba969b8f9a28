import { z } from 'zod'

/** PVE sends some numbers as strings (`nextid`, `loadavg`, config values): accept both. */
const lenientNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
])
const optionalNumber = lenientNumber.optional()

/** `GET /version`. */
export const versionSchema = z.object({ version: z.string(), release: z.string().optional() }).loose()

/** One item of `GET /cluster/resources` (guests, nodes and storage share the list). */
export const clusterResourceSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    node: z.string().optional(),
    status: z.string().optional(),
    vmid: optionalNumber,
    name: z.string().optional(),
    cpu: optionalNumber,
    maxcpu: optionalNumber,
    mem: optionalNumber,
    maxmem: optionalNumber,
    disk: optionalNumber,
    maxdisk: optionalNumber,
    uptime: optionalNumber,
    template: optionalNumber,
    lock: z.string().optional(),
    tags: z.string().optional(),
  })
  .loose()
export type ClusterResource = z.infer<typeof clusterResourceSchema>
export const clusterResourcesSchema = z.array(clusterResourceSchema)

/** `GET /nodes/{node}/{qemu|lxc}/{vmid}/status/current`. */
export const guestStatusSchema = z
  .object({
    status: z.string(),
    qmpstatus: z.string().optional(),
    lock: z.string().optional(),
    name: z.string().optional(),
  })
  .loose()

/** `GET /nodes/{node}/tasks?source=active&vmid=...`: the tasks still running on a guest. */
export const activeTasksSchema = z.array(z.object({ upid: z.string(), type: z.string().optional() }).loose())

/** `GET .../config`: any keys; values are strings or numbers. */
export const guestConfigSchema = z.record(z.string(), z.unknown())

/** A UPID string as returned by every call that starts a task. */
export const upidSchema = z.string().startsWith('UPID:')

/** `GET /nodes/{node}/tasks/{upid}/status`. */
export const taskStatusSchema = z
  .object({
    status: z.enum(['running', 'stopped']),
    exitstatus: z.string().optional(),
  })
  .loose()

/** `GET /nodes/{node}/tasks/{upid}/log`. */
export const taskLogSchema = z.array(z.object({ n: lenientNumber, t: z.string() }))

/** QEMU guest agent `network-get-interfaces`. */
export const agentInterfacesSchema = z.object({
  result: z.array(
    z
      .object({
        name: z.string(),
        'hardware-address': z.string().optional(),
        'ip-addresses': z
          .array(z.object({ 'ip-address': z.string(), 'ip-address-type': z.string() }).loose())
          .optional(),
      })
      .loose(),
  ),
})

/** `GET /nodes/{node}/lxc/{vmid}/interfaces`. */
export const lxcInterfacesSchema = z.array(
  z
    .object({
      name: z.string(),
      inet: z.string().optional(),
      inet6: z.string().optional(),
      hwaddr: z.string().optional(),
    })
    .loose(),
)

/** Calls that answer `{"data": null}`. */
export const nullSchema = z.null()

/** `GET /cluster/nextid`: a number that usually comes as a string. */
export const nextIdSchema = lenientNumber

/** Calls that start a task on recent PVE but answered `null` on older releases (resize, config POST). */
export const upidOrNullSchema = z.union([upidSchema, z.null()])

/** `GET /nodes/{node}/storage`. */
export const nodeStoragesSchema = z.array(
  z
    .object({
      storage: z.string(),
      content: z.string().optional(),
      active: optionalNumber,
      enabled: optionalNumber,
      shared: optionalNumber,
      avail: optionalNumber,
      type: z.string().optional(),
    })
    .loose(),
)

/** `GET /nodes/{node}/storage/{storage}/content`. */
export const storageContentSchema = z.array(z.object({ volid: z.string(), content: z.string().optional() }).loose())

/** `GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot`: the snapshots plus the `current` pseudo-entry. */
export const snapshotListSchema = z.array(
  z
    .object({
      name: z.string(),
      description: z.string().optional(),
      parent: z.string().optional(),
      snaptime: optionalNumber,
      // 1/0 from PVE; some proxies turn it into a boolean.
      vmstate: z.union([lenientNumber, z.boolean()]).optional(),
    })
    .loose(),
)
export type SnapshotListItem = z.infer<typeof snapshotListSchema>[number]

/** `GET /nodes/{node}/network`. */
export const nodeNetworkSchema = z.array(
  z
    .object({
      iface: z.string(),
      type: z.string().optional(),
      active: optionalNumber,
      cidr: z.string().optional(),
      comments: z.string().optional(),
    })
    .loose(),
)
