/**
 * The Store API calls a storefront makes during checkout, with the Medusa JS SDK's semantics
 * (`sdk.store.cart.*`, `sdk.store.payment.initiatePaymentSession`), over any `HttpClient`.
 */
import { withServerMessage, type HttpClient } from "./http"

export interface Address {
  first_name: string
  last_name: string
  address_1: string
  city: string
  postal_code: string
  country_code: string
  province?: string
  phone?: string
}

export const US_ADDRESS: Address = {
  first_name: "Jane",
  last_name: "Buyer",
  address_1: "410 Terry Ave N",
  city: "Seattle",
  province: "WA",
  postal_code: "98109",
  country_code: "us",
  phone: "+12065550100",
}

export const JP_ADDRESS: Address = {
  first_name: "Hanako",
  last_name: "Yamada",
  address_1: "1-8-1 Shimomeguro",
  city: "Meguro-ku",
  province: "Tokyo",
  postal_code: "153-0064",
  country_code: "jp",
  phone: "+81355550100",
}

/** `POST /store/carts/:id/complete`: an order, or the cart back with Medusa's payment error. */
export type CompleteCartResult =
  | { type: "order"; order: any }
  | { type: "cart"; cart: any; error: { message: string; name: string; type: string } }

export class Storefront {
  constructor(
    private readonly http: HttpClient,
    private readonly publishableKey: string
  ) {}

  private get config() {
    return { headers: { "x-publishable-api-key": this.publishableKey } }
  }

  async createCart(input: { region_id: string; email?: string }): Promise<any> {
    return (await this.http.post("/store/carts", input, this.config)).data.cart
  }

  async getCart(cartId: string): Promise<any> {
    return (await this.http.get(`/store/carts/${cartId}`, this.config)).data.cart
  }

  async addLineItem(cartId: string, variantId: string, quantity = 1): Promise<any> {
    return (await this.http.post(`/store/carts/${cartId}/line-items`, { variant_id: variantId, quantity }, this.config)).data.cart
  }

  async updateLineItem(cartId: string, lineItemId: string, quantity: number): Promise<any> {
    return (await this.http.post(`/store/carts/${cartId}/line-items/${lineItemId}`, { quantity }, this.config)).data.cart
  }

  async setAddress(cartId: string, email: string, address: Address): Promise<any> {
    const body = { email, shipping_address: address, billing_address: address }
    return (await this.http.post(`/store/carts/${cartId}`, body, this.config)).data.cart
  }

  async listShippingOptions(cartId: string): Promise<any[]> {
    return (await this.http.get(`/store/shipping-options?cart_id=${cartId}`, this.config)).data.shipping_options
  }

  async addShippingMethod(cartId: string, optionId: string): Promise<any> {
    return (await this.http.post(`/store/carts/${cartId}/shipping-methods`, { option_id: optionId }, this.config)).data.cart
  }

  async createPaymentCollection(cartId: string): Promise<any> {
    return (await this.http.post("/store/payment-collections", { cart_id: cartId }, this.config)).data.payment_collection
  }

  /**
   * Like the JS SDK's `initiatePaymentSession`: creates the cart's payment collection if it has none,
   * then a payment session (Medusa replaces the collection's sessions, which is also how a storefront
   * "updates" session data: there is no Store route for that). Returns the provider's new session.
   */
  async initiatePaymentSession(cartId: string, providerId: string, data: Record<string, unknown> = {}): Promise<any> {
    const cart = await this.getCart(cartId)
    const collectionId = cart.payment_collection?.id ?? (await this.createPaymentCollection(cartId)).id
    const request = this.http.post(`/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: providerId, data }, this.config)
    const { payment_collection } = (await withServerMessage(`initiate ${providerId} session`, request)).data
    const session = payment_collection.payment_sessions.find((s: any) => s.provider_id === providerId)
    if (!session) {
      throw new Error(`payment collection ${collectionId} has no ${providerId} session after initiating one`)
    }
    return session
  }

  /** `POST /store/amazon-pay/carts/:id/buyer`: the Amazon buyer's email and addresses onto the cart (express review leg). */
  async applyAmazonBuyer(cartId: string, amazonCheckoutSessionId: string): Promise<any> {
    const body = { amazon_checkout_session_id: amazonCheckoutSessionId }
    return (await this.http.post(`/store/amazon-pay/carts/${cartId}/buyer`, body, this.config)).data.cart
  }

  async listPaymentProviders(regionId: string): Promise<string[]> {
    const { payment_providers } = (await this.http.get(`/store/payment-providers?region_id=${regionId}`, this.config)).data
    return payment_providers.map((p: any) => p.id)
  }

  async completeCart(cartId: string): Promise<CompleteCartResult> {
    return (await withServerMessage(`complete cart ${cartId}`, this.http.post(`/store/carts/${cartId}/complete`, {}, this.config))).data
  }

  /** Cart -> line item -> email and address -> the first shipping option: ready for payment. */
  async cartReadyForPayment(input: { regionId: string; variantId: string; quantity?: number; email?: string; address?: Address }): Promise<any> {
    const cart = await this.createCart({ region_id: input.regionId })
    await this.addLineItem(cart.id, input.variantId, input.quantity ?? 1)
    await this.setAddress(cart.id, input.email ?? "buyer@example.com", input.address ?? US_ADDRESS)
    const [option] = await this.listShippingOptions(cart.id)
    if (!option) {
      throw new Error(`no shipping option for cart ${cart.id}`)
    }
    return this.addShippingMethod(cart.id, option.id)
  }
}
