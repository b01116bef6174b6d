/**
 * The few Medusa services IPN effects use, resolved from the store's container, with the narrow
 * shapes this code relies on. The payment module's generated methods (`deleteRefunds`,
 * `updateRefunds`, `updatePaymentSessions`) are not all on IPaymentModuleService's type.
 */
import type { IEventBusModuleService, IOrderModuleService, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"

export type PaymentModule = IPaymentModuleService & {
  deleteRefunds(ids: string[]): Promise<void>
  updateRefunds(data: { id: string; amount: string }): Promise<unknown>
  updatePaymentSessions?(data: { id: string; status: string }): Promise<unknown>
}

export interface MedusaServices {
  container: MedusaContainer
  payment: PaymentModule
  order: IOrderModuleService
  events: IEventBusModuleService
  query: { graph(config: Record<string, unknown>): Promise<{ data: any[] }> }
  lock<T>(key: string, job: () => Promise<T>): Promise<T>
}

export function medusaServices(container: MedusaContainer): MedusaServices {
  const locking = container.resolve(Modules.LOCKING) as {
    execute<T>(keys: string, job: () => Promise<T>, args?: { timeout?: number }): Promise<T>
  }
  return {
    container,
    payment: container.resolve(Modules.PAYMENT) as PaymentModule,
    order: container.resolve(Modules.ORDER),
    events: container.resolve(Modules.EVENT_BUS),
    query: container.resolve(ContainerRegistrationKeys.QUERY),
    // One Medusa payment session at a time: duplicates and the polling job wait for each other.
    lock: (key, job) => locking.execute(`amazon-pay:${key}`, job, { timeout: 30 }),
  }
}

/** The order placed for a payment collection (null while the cart is not completed). */
export async function orderOfPaymentCollection(
  services: MedusaServices,
  paymentCollectionId: string
): Promise<{ id: string; status: string; currency_code: string; metadata: Record<string, unknown> | null; summary?: any } | null> {
  const { data } = await services.query.graph({
    entity: "order_payment_collection",
    fields: ["order.id", "order.status", "order.currency_code", "order.metadata", "order.summary"],
    filters: { payment_collection_id: paymentCollectionId },
  })
  return data[0]?.order ?? null
}
