/**
 * Which Amazon carrier code a Medusa fulfillment ships with. Amazon's Create Delivery Tracker takes
 * a `carrierCode` from its downloadable list (Amazon Pay "Delivery Tracker" > "Download carrierCode
 * list"; Amazon's Magento 2 plugin ships it as amazon-pay-delivery-tracker-supported-carriers.csv);
 * Medusa knows a carrier only by what the fulfillment says: a fulfillment provider's `data`
 * (`carrier_code`, `carrier`), its provider id (`ups_ups`, `manual_manual`) and its shipping option's
 * name. Those are tried in that order; for each, the store's own mapping (provider option
 * `deliveryTrackers.carrierCodes`) first, then the names below. Pure.
 */
import type { AmazonPayOptions } from "../options"

/**
 * Carrier names as stores and fulfillment providers spell them, normalised (lower case, runs of
 * anything but letters and digits as one space), to Amazon's codes. Only names that are not
 * ambiguous: "DHL" alone is DHL Express (`DHL`), "DHL Paket" the German parcel service (`DHL_DE`).
 */
export const DEFAULT_CARRIER_NAMES: Readonly<Record<string, string>> = {
  ups: "UPS",
  "ups ground": "UPS",
  "ups mail innovations": "UPS_MI",
  usps: "USPS",
  "us postal service": "USPS",
  "united states postal service": "USPS",
  fedex: "FEDEX",
  "fed ex": "FEDEX",
  "fedex ground": "FEDEX",
  dhl: "DHL",
  "dhl express": "DHL",
  "dhl ecommerce": "DHL_GLOBAL_MAIL",
  "dhl paket": "DHL_DE",
  "dhl de": "DHL_DE",
  "deutsche post": "DEUTSCH_POST",
  amazon: "AMZN",
  "amazon shipping": "AMZN",
  amzn: "AMZN",
  ontrac: "ONTRAC",
  lasership: "LASERSHIP",
  "canada post": "CANADA_POST",
  purolator: "PUROLATOR",
  dpd: "DPD",
  "dpd uk": "DPD_UK",
  "dpd de": "DPD_DE",
  gls: "GLS",
  hermes: "HERMES",
  evri: "MYHERMES_UK",
  yodel: "YODEL",
  tnt: "TNT",
  colissimo: "COLISSIMO",
  chronopost: "CHRONOPOST_FRANCE",
  postnl: "POSTNL",
  bpost: "BPOST",
  "poste italiane": "POSTE_ITALIANE",
  correos: "SPAIN_CORREOS_ES",
  "swiss post": "SWISS_POST",
  "austrian post": "AUSTRIAN_POST",
  postnord: "POSTNORD",
  "japan post": "JAPAN_POST",
  sagawa: "SAGAWA",
  yamato: "TAQBIN_JP",
  "australia post": "AUSTRALIA_POST",
}

export const normaliseCarrierName = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()

/** What a fulfillment tells of its carrier, most specific first. */
export interface CarrierHints {
  /** `fulfillment.data` (a fulfillment provider may put `carrier_code` or `carrier` there). */
  data?: Record<string, unknown> | null
  /** `fulfillment.provider_id`, e.g. `ups_ups`, `manual_manual`. */
  providerId?: string | null
  /** The shipping option's name, e.g. "UPS Ground". */
  shippingOptionName?: string | null
}

export type TrackerOptions = Exclude<AmazonPayOptions["deliveryTrackers"], false>

/** The candidates to look up, in order: provider data, provider id (and its part before `_`), shipping option name. */
export function carrierCandidates(hints: CarrierHints): string[] {
  const data = hints.data ?? {}
  const fromData = [data.carrier_code, data.carrierCode, data.carrier].filter((v): v is string => typeof v === "string" && v.trim() !== "")
  const providerId = hints.providerId?.trim()
  const fromProvider = providerId ? [providerId, providerId.split("_")[0]] : []
  const fromOption = hints.shippingOptionName?.trim() ? [hints.shippingOptionName.trim()] : []
  return [...fromData, ...fromProvider, ...fromOption]
}

/** Amazon's carrier code for the fulfillment, or null when nothing maps (then the tracker is skipped). */
export function carrierCodeFor(hints: CarrierHints, options: TrackerOptions): { code: string; matched: string } | null {
  const own = new Map(Object.entries(options.carrierCodes ?? {}).map(([name, code]) => [normaliseCarrierName(name), code]))
  for (const candidate of carrierCandidates(hints)) {
    const key = normaliseCarrierName(candidate)
    const code = own.get(key) ?? DEFAULT_CARRIER_NAMES[key]
    if (code) {
      return { code, matched: candidate }
    }
  }
  return options.defaultCarrierCode ? { code: options.defaultCarrierCode, matched: "defaultCarrierCode" } : null
}
