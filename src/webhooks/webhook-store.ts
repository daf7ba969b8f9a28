import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { HangarTables } from '../db/tables.js'
import type { SecretBox } from '../secrets/secret-box.js'

const purposeOf = (deploymentId: number) => `deployment-webhook:${deploymentId}`

/** Each deployment's webhook secret (sealed at rest) and the deliveries answered. */
export function createWebhookStore(db: Kysely<HangarTables>, box: SecretBox): WebhookStore {
  return {
    /** A new secret for the deployment's webhook, replacing any earlier one; the only time it is shown. */
    async renew(deploymentId: number): Promise<string> {
      const secret = randomBytes(32).toString('hex')
      const row = { secret: box.seal(secret, purposeOf(deploymentId)), created_at: new Date().toISOString() }
      await db
        .insertInto('deployment_webhooks')
        .values({ deployment_id: deploymentId, ...row })
        .onConflict((oc) => oc.column('deployment_id').doUpdateSet(row))
        .execute()
      return secret
    },

    /** The secret deliveries are checked with, if the deployment has a webhook. */
    async secret(deploymentId: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('deployment_webhooks')
        .select('secret')
        .where('deployment_id', '=', deploymentId)
        .executeTakeFirst()
      return row && box.open(row.secret, purposeOf(deploymentId))
    },

    async exists(deploymentId: number): Promise<boolean> {
      return (
        (await db
          .selectFrom('deployment_webhooks')
          .select('deployment_id')
          .where('deployment_id', '=', deploymentId)
          .executeTakeFirst()) !== undefined
      )
    },

    /**
     * Records a delivery; false when it was already recorded (GitHub sends it again: a redelivery,
     * or a retry after a timeout), with the outcome it had.
     */
    async firstDelivery(
      deploymentId: number,
      deliveryId: string,
      outcome: string,
    ): Promise<{ first: true } | { first: false; outcome: string }> {
      const inserted = await db
        .insertInto('webhook_deliveries')
        .values({
          deployment_id: deploymentId,
          delivery_id: deliveryId,
          received_at: new Date().toISOString(),
          outcome,
        })
        .onConflict((oc) => oc.columns(['deployment_id', 'delivery_id']).doNothing())
        .executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { first: true }
      const row = await db
        .selectFrom('webhook_deliveries')
        .select('outcome')
        .where('deployment_id', '=', deploymentId)
        .where('delivery_id', '=', deliveryId)
        .executeTakeFirst()
      return { first: false, outcome: row?.outcome ?? 'handled' }
    },

    /** Forgets a delivery that did nothing, so that GitHub's redelivery of it is run. */
    async forget(deploymentId: number, deliveryId: string): Promise<void> {
      await db
        .deleteFrom('webhook_deliveries')
        .where('deployment_id', '=', deploymentId)
        .where('delivery_id', '=', deliveryId)
        .execute()
    },

    /** Sets the outcome of a recorded delivery, once known. */
    async settle(deploymentId: number, deliveryId: string, outcome: string): Promise<void> {
      await db
        .updateTable('webhook_deliveries')
        .set({ outcome })
        .where('deployment_id', '=', deploymentId)
        .where('delivery_id', '=', deliveryId)
        .execute()
    },
  }
}

/** The GitHub webhook secrets of deployments, encrypted at rest. */
export interface WebhookStore {
  /** A new secret for the deployment's webhook, replacing any earlier one; the only time it is shown. */
  renew(deploymentId: number): Promise<string>
  /** The secret deliveries are checked with, if the deployment has a webhook. */
  secret(deploymentId: number): Promise<string | undefined>
  /** Whether the deployment has a webhook. */
  exists(deploymentId: number): Promise<boolean>
  /**
   * Records a delivery; false when it was already recorded (GitHub sends it again: a redelivery,
   * or a retry after a timeout), with the outcome it had.
   */
  firstDelivery(
    deploymentId: number,
    deliveryId: string,
    outcome: string,
  ): Promise<{ first: true } | { first: false; outcome: string }>
  /** Forgets a delivery that did nothing, so that GitHub's redelivery of it is run. */
  forget(deploymentId: number, deliveryId: string): Promise<void>
  /** Sets the outcome of a recorded delivery, once known. */
  settle(deploymentId: number, deliveryId: string, outcome: string): Promise<void>
}
