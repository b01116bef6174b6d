/**
 * Zod validation of an admin route's body: a 400 (Medusa `invalid_data`) naming every bad field,
 * thrown before anything is read or changed.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "zod"

export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ${what}: ${detail}`)
  }
  return parsed.data
}
