import { z } from 'zod'

/** Command ids come as strings in actions, numbers in the queue, bare numbers elsewhere. */
export const commandIdSchema = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String)

/** What an action answers: `["id"]`, `[id]`, `id`, or `{"commandIds": [...], "password"}`. */
export const commandIdsSchema = z
  .union([
    z.array(commandIdSchema),
    commandIdSchema.transform((id) => [id]),
    z
      .object({ commandIds: z.array(commandIdSchema) })
      .loose()
      .transform((answer) => answer.commandIds),
  ])
  .pipe(z.array(z.string()).min(1))

/** One item of `GET /service/servers`. */
export const serverSummarySchema = z
  .object({ id: z.string(), name: z.string(), power: z.string(), datacenter: z.string() })
  .loose()
export const serverListSchema = z.array(serverSummarySchema)

const lenientNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
])

/** One item of `POST /service/server/info`. */
export const serverInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    datacenter: z.string(),
    power: z.string(),
    cpu: z.string().optional(),
    ram: lenientNumber.optional(),
    diskSizes: z.array(lenientNumber).optional(),
    networks: z.array(z.object({ network: z.string(), ips: z.array(z.string()).default([]) }).loose()).optional(),
  })
  .loose()
export type KamateraServerInfo = z.infer<typeof serverInfoSchema>
export const serverInfoListSchema = z.array(serverInfoSchema)

/** One item of `GET /service/queue?id=`. */
export const queueItemSchema = z
  .object({
    id: commandIdSchema,
    status: z.string(),
    log: z.string().nullish(),
  })
  .loose()
export const queueSchema = z.array(queueItemSchema)

/** `GET /` */
export const readySchema = z.object({ ready: z.boolean() }).loose()
