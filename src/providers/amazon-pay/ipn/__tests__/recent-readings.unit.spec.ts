import type { IpnMessage } from "../../../../lib/amazon-pay/types"
import { RecentReadings } from "../recent-readings"

type Reading = { kind: string; state?: string }

const message = (notificationId: string): IpnMessage => ({
  MerchantID: "M1",
  ObjectType: "CHARGE",
  ObjectId: "S01-1-1-C1",
  ChargePermissionId: "S01-1-1",
  NotificationType: "STATE_CHANGE",
  NotificationId: notificationId,
  NotificationVersion: "V2",
})

describe("RecentReadings", () => {
  let now = 0
  let reads = 0
  const readings = () => new RecentReadings<Reading>(10_000, () => now)
  const read = (kind = "charge") => async (): Promise<Reading> => ({ kind, state: `read ${++reads}` })

  beforeEach(() => {
    now = 1_000
    reads = 0
  })

  it("shares one read per notification while fresh, and reads again after the window", async () => {
    const memo = readings()
    const [a, b] = await Promise.all([memo.get("M1", message("n1"), read()), memo.get("M1", message("n1"), read())])
    expect([a.state, b.state, reads]).toEqual(["read 1", "read 1", 1])
    a.state = "changed by one reader"
    expect((await memo.get("M1", message("n1"), read())).state).toBe("read 1")
    now += 10_000
    expect((await memo.get("M1", message("n1"), read())).state).toBe("read 2")
  })

  it("keys by merchant and notification, and keeps no unavailable reading or failure", async () => {
    const memo = readings()
    await memo.get("M1", message("n1"), read())
    await memo.get("M2", message("n1"), read())
    await memo.get("M1", message("n2"), read())
    expect(reads).toBe(3)
    await memo.get("M1", message("n3"), read("unavailable"))
    expect((await memo.get("M1", message("n3"), read())).kind).toBe("charge")
    await expect(memo.get("M1", message("n4"), () => Promise.reject(new Error("boom")))).rejects.toThrow("boom")
    expect((await memo.get("M1", message("n4"), read())).kind).toBe("charge")
  })
})
