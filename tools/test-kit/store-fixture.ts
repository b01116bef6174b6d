/**
 * Seeds, through the Admin API only (as an admin in the dashboard would), everything a checkout
 * needs: sales channel, publishable key, stock location with the manual fulfillment provider,
 * shipping (fulfillment set, service zone, one flat-priced option), a USD and a JPY region with the
 * enabled payment providers, and one stocked product priced in both currencies.
 * Every step finds its object by name first, so seeding twice (the demo re-run) changes nothing.
 */
import type { HttpClient } from "./http"

export interface StoreFixture {
  salesChannelId: string
  publishableKey: string
  stockLocationId: string
  shippingProfileId: string
  serviceZoneId: string
  shippingOptionId: string
  regions: { usd: string; jpy: string }
  productId: string
  variantId: string
  paymentProviders: string[]
}

export interface SeedOptions {
  /** Headers from `loginAdmin`. */
  admin: Record<string, string>
  /** Default: every provider the payment module reports enabled (pp_system_default, plus Amazon Pay when registered). */
  paymentProviders?: string[]
  /** Prices in major units (Medusa 2 stores major units); JPY has no decimals. */
  productPrice?: { usd: number; jpy: number }
  shippingPrice?: { usd: number; jpy: number }
  stockedQuantity?: number
}

const NAMES = {
  salesChannel: "Amazon Pay test channel",
  apiKey: "Amazon Pay test storefront",
  stockLocation: "Amazon Pay test warehouse",
  fulfillmentSet: "Amazon Pay test shipping",
  serviceZone: "US and Japan",
  shippingOption: "Standard shipping",
  regionUsd: "United States",
  regionJpy: "Japan",
  productHandle: "amazon-pay-test-shirt",
  sku: "AMZ-PAY-SHIRT-M",
}

export async function seedStore(http: HttpClient, options: SeedOptions): Promise<StoreFixture> {
  const headers = { headers: options.admin }
  const get = async (url: string) => (await http.get(url, headers)).data
  const post = async (url: string, body: unknown) => (await http.post(url, body, headers)).data
  const q = encodeURIComponent
  const productPrice = options.productPrice ?? { usd: 50, jpy: 5000 }
  const shippingPrice = options.shippingPrice ?? { usd: 10, jpy: 1000 }

  // Store currencies: JPY prices are only editable in the admin when the store supports JPY.
  const { stores } = await get("/admin/stores")
  const currencies = stores[0].supported_currencies.map((c: any) => c.currency_code)
  if (!currencies.includes("jpy") || !currencies.includes("usd")) {
    await post(`/admin/stores/${stores[0].id}`, {
      supported_currencies: [
        { currency_code: "usd", is_default: true },
        { currency_code: "jpy" },
      ],
    })
  }

  const salesChannel =
    (await get(`/admin/sales-channels?name=${q(NAMES.salesChannel)}`)).sales_channels[0] ??
    (await post("/admin/sales-channels", { name: NAMES.salesChannel })).sales_channel

  let apiKey = (await get(`/admin/api-keys?title=${q(NAMES.apiKey)}&type=publishable`)).api_keys[0]
  if (!apiKey) {
    apiKey = (await post("/admin/api-keys", { title: NAMES.apiKey, type: "publishable" })).api_key
    await post(`/admin/api-keys/${apiKey.id}/sales-channels`, { add: [salesChannel.id] })
  }

  let location = (await get(`/admin/stock-locations?name=${q(NAMES.stockLocation)}`)).stock_locations[0]
  if (!location) {
    location = (await post("/admin/stock-locations", { name: NAMES.stockLocation, address: { address_1: "1 Dock Street", city: "Seattle", country_code: "us" } })).stock_location
    await post(`/admin/stock-locations/${location.id}/fulfillment-providers`, { add: ["manual_manual"] })
    await post(`/admin/stock-locations/${location.id}/sales-channels`, { add: [salesChannel.id] })
  }
  const setFields = "?fields=*fulfillment_sets,*fulfillment_sets.service_zones"
  const findSet = (stockLocation: any) => stockLocation.fulfillment_sets?.find((s: any) => s.name === NAMES.fulfillmentSet)
  let fulfillmentSet = findSet((await get(`/admin/stock-locations/${location.id}${setFields}`)).stock_location)
  if (!fulfillmentSet) {
    const body = { name: NAMES.fulfillmentSet, type: "shipping" }
    fulfillmentSet = findSet((await post(`/admin/stock-locations/${location.id}/fulfillment-sets${setFields}`, body)).stock_location)
  }
  let serviceZone = fulfillmentSet.service_zones?.find((z: any) => z.name === NAMES.serviceZone)
  if (!serviceZone) {
    const updated = (await post(`/admin/fulfillment-sets/${fulfillmentSet.id}/service-zones?fields=*service_zones`, {
      name: NAMES.serviceZone,
      geo_zones: [
        { type: "country", country_code: "us" },
        { type: "country", country_code: "jp" },
      ],
    })).fulfillment_set
    serviceZone = updated.service_zones.find((z: any) => z.name === NAMES.serviceZone)
  }

  const shippingProfile =
    (await get("/admin/shipping-profiles?type=default")).shipping_profiles[0] ??
    (await post("/admin/shipping-profiles", { name: "Default", type: "default" })).shipping_profile

  const paymentProviders =
    options.paymentProviders ??
    (await get("/admin/payments/payment-providers?limit=100")).payment_providers
      .filter((p: any) => p.is_enabled)
      .map((p: any) => p.id)
      .sort()
  const region = async (name: string, currency_code: string, countries: string[]) => {
    const existing = (await get(`/admin/regions?name=${q(name)}`)).regions[0]
    if (existing) {
      return (await post(`/admin/regions/${existing.id}`, { payment_providers: paymentProviders })).region
    }
    return (await post("/admin/regions", { name, currency_code, countries, payment_providers: paymentProviders })).region
  }
  const usd = await region(NAMES.regionUsd, "usd", ["us"])
  const jpy = await region(NAMES.regionJpy, "jpy", ["jp"])

  const shippingOption =
    (await get(`/admin/shipping-options?service_zone_id=${serviceZone.id}`)).shipping_options.find((o: any) => o.name === NAMES.shippingOption) ??
    (await post("/admin/shipping-options", {
      name: NAMES.shippingOption,
      service_zone_id: serviceZone.id,
      shipping_profile_id: shippingProfile.id,
      provider_id: "manual_manual",
      price_type: "flat",
      type: { label: "Standard", description: "Ships in 2-3 days", code: "standard" },
      prices: [
        { currency_code: "usd", amount: shippingPrice.usd },
        { currency_code: "jpy", amount: shippingPrice.jpy },
      ],
      rules: [
        { attribute: "enabled_in_store", operator: "eq", value: "true" },
        { attribute: "is_return", operator: "eq", value: "false" },
      ],
    })).shipping_option

  let product = (await get(`/admin/products?handle=${NAMES.productHandle}&fields=*variants`)).products[0]
  if (!product) {
    product = (await post("/admin/products", {
      title: "Amazon Pay test shirt",
      handle: NAMES.productHandle,
      status: "published",
      shipping_profile_id: shippingProfile.id,
      sales_channels: [{ id: salesChannel.id }],
      options: [{ title: "Size", values: ["M"] }],
      variants: [
        {
          title: "M",
          sku: NAMES.sku,
          manage_inventory: true,
          options: { Size: "M" },
          prices: [
            { currency_code: "usd", amount: productPrice.usd },
            { currency_code: "jpy", amount: productPrice.jpy },
          ],
        },
      ],
    })).product
    const [inventoryItem] = (await get(`/admin/inventory-items?sku=${NAMES.sku}`)).inventory_items
    await post(`/admin/inventory-items/${inventoryItem.id}/location-levels`, {
      location_id: location.id,
      stocked_quantity: options.stockedQuantity ?? 1_000_000,
    })
  }

  return {
    salesChannelId: salesChannel.id,
    publishableKey: apiKey.token,
    stockLocationId: location.id,
    shippingProfileId: shippingProfile.id,
    serviceZoneId: serviceZone.id,
    shippingOptionId: shippingOption.id,
    regions: { usd: usd.id, jpy: jpy.id },
    productId: product.id,
    variantId: product.variants[0].id,
    paymentProviders,
  }
}
