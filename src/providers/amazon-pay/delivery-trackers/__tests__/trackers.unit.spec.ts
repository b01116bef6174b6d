import { DEFAULT_CARRIER_CODES } from "../../../../sandbox/resources/carrier-codes"
import { carrierCandidates, carrierCodeFor, DEFAULT_CARRIER_NAMES } from "../carriers"
import { planTrackers, trackingNumberOf, trackingNumbersOf } from "../plan"

const op = (trackingNumber: string, status: "sent" | "succeeded" | "declined" | "failed" | "unknown") => ({
  kind: "create_delivery_tracker" as const,
  status,
  request: { chargePermissionId: "S01-1", deliveryDetails: [{ trackingNumber, carrierCode: "UPS" }] },
})

describe("delivery trackers: carrier codes", () => {
  it("every built-in name maps to a code Amazon's list has (the sandbox holds a subset of it)", () => {
    expect(Object.values(DEFAULT_CARRIER_NAMES).filter((code) => !DEFAULT_CARRIER_CODES.includes(code))).toEqual([])
  })

  it("tries the provider's data, the provider id, then the shipping option's name; the store's mapping before the built-in names", () => {
    const hints = { data: { carrier: "DHL Paket" }, providerId: "fedex_fedex", shippingOptionName: "UPS Ground" }
    expect(carrierCandidates(hints)).toEqual(["DHL Paket", "fedex_fedex", "fedex", "UPS Ground"])
    expect(carrierCodeFor(hints, {})).toEqual({ code: "DHL_DE", matched: "DHL Paket" })
    expect(carrierCodeFor({ ...hints, data: null }, {})).toEqual({ code: "FEDEX", matched: "fedex" })
    expect(carrierCodeFor({ ...hints, data: null }, { carrierCodes: { "FedEx_FedEx": "FEDEX_FREIGHT" } })).toEqual({ code: "FEDEX_FREIGHT", matched: "fedex_fedex" })
    expect(carrierCodeFor({ providerId: "manual_manual", shippingOptionName: "Express (2 days)" }, { carrierCodes: { "express 2 days": "DHL" } })).toEqual({
      code: "DHL",
      matched: "Express (2 days)",
    })
  })

  it("nothing matches: the default code if the store set one, else none (the tracker is skipped)", () => {
    const hints = { providerId: "manual_manual", shippingOptionName: "Pigeon post" }
    expect(carrierCodeFor(hints, {})).toBeNull()
    expect(carrierCodeFor(hints, { defaultCarrierCode: "USPS" })).toEqual({ code: "USPS", matched: "defaultCarrierCode" })
  })
})

describe("delivery trackers: plan", () => {
  it("reads labels: trimmed, blank dropped, each number once", () => {
    expect(trackingNumbersOf([{ tracking_number: " 1Z1 " }, { tracking_number: "" }, { tracking_number: null }, { tracking_number: "1Z1" }, { tracking_number: "1Z2" }])).toEqual(["1Z1", "1Z2"])
    expect(trackingNumbersOf(undefined)).toEqual([])
    expect(trackingNumberOf({ kind: "create_refund", request: { deliveryDetails: [{ trackingNumber: "1Z1" }] } })).toBeNull()
  })

  it("sends a number once: never again after success, refusal or while its answer is pending", () => {
    const steps = planTrackers({
      trackingNumbers: ["new", "done", "refused", "lost", "open"],
      carrierCode: "UPS",
      operations: [op("done", "succeeded"), op("refused", "failed"), op("lost", "unknown"), op("open", "sent")],
      skipped: new Set(),
    })
    expect(steps).toEqual([
      { trackingNumber: "new", action: "send", carrierCode: "UPS" },
      { trackingNumber: "done", action: "none", because: "sent" },
      { trackingNumber: "refused", action: "none", because: "refused" },
      { trackingNumber: "lost", action: "none", because: "in_flight" },
      { trackingNumber: "open", action: "none", because: "in_flight" },
    ])
  })

  it("without a carrier code: skipped, noted once; sent once a code is known", () => {
    const skipped = new Set(["A"])
    expect(planTrackers({ trackingNumbers: ["A", "B"], carrierCode: null, operations: [], skipped })).toEqual([
      { trackingNumber: "A", action: "skip", alreadyNoted: true },
      { trackingNumber: "B", action: "skip", alreadyNoted: false },
    ])
    expect(planTrackers({ trackingNumbers: ["A"], carrierCode: "DHL", operations: [], skipped })).toEqual([{ trackingNumber: "A", action: "send", carrierCode: "DHL" }])
  })
})
