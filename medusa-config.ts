/**
 * The store this repository runs for its integration tests and its demo: a plain Medusa 2.21 app whose
 * own `src/` is this plugin, so the subscribers, jobs and API routes load straight from source.
 *
 * The Amazon Pay provider (id `amazon-pay`, Medusa id `pp_amazon-pay_amazon-pay`) is registered only
 * when AMAZON_PAY_PUBLIC_KEY_ID is set, so the store still boots without Amazon credentials (the
 * harness test does); with the variable set, a missing or bad option stops start-up with a message
 * naming it (see src/providers/amazon-pay/options.ts).
 */
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = (name: string): string | undefined => {
  const value = process.env[name]?.trim()
  return value ? value : undefined
}

/** "true"/"1" -> true, "false"/"0" -> false; anything else is passed on for the schema to reject. */
const flag = (name: string): boolean | string | undefined => {
  const value = env(name)?.toLowerCase()
  return value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : value
}

/** Comma-separated list; empty entries dropped. */
const list = (name: string): string[] | undefined =>
  env(name)
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean)

/** JSON text -> its value; anything unparseable is passed on for the schema to reject. */
const json = (name: string): unknown => {
  const value = env(name)
  try {
    return value === undefined ? undefined : JSON.parse(value)
  } catch {
    return value
  }
}

/** Digits -> number; anything else is passed on for the schema to reject. */
const integer = (name: string): number | string | undefined => {
  const value = env(name)
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value
}

/**
 * Create Delivery Tracker: AMAZON_PAY_DELIVERY_TRACKERS=false turns it off;
 * AMAZON_PAY_DELIVERY_TRACKER_CARRIERS maps carriers to Amazon's codes (`manual_manual=UPS,DHL Paket=DHL_DE`).
 */
function deliveryTrackerOptions(): false | Record<string, unknown> | undefined {
  if (flag("AMAZON_PAY_DELIVERY_TRACKERS") === false) {
    return false
  }
  const pairs = list("AMAZON_PAY_DELIVERY_TRACKER_CARRIERS")?.map((pair) => pair.split("=").map((part) => part.trim()))
  return pairs ? { carrierCodes: Object.fromEntries(pairs) } : undefined
}

const amazonPayOptions = {
  publicKeyId: env("AMAZON_PAY_PUBLIC_KEY_ID"),
  privateKey: env("AMAZON_PAY_PRIVATE_KEY")?.replace(/\\n/g, "\n"),
  privateKeyPath: env("AMAZON_PAY_PRIVATE_KEY_PATH"),
  merchantId: env("AMAZON_PAY_MERCHANT_ID"),
  storeId: env("AMAZON_PAY_STORE_ID"),
  region: env("AMAZON_PAY_REGION"),
  sandbox: flag("AMAZON_PAY_SANDBOX"),
  apiBaseUrl: env("AMAZON_PAY_API_BASE_URL"),
  capture: env("AMAZON_PAY_CAPTURE"),
  canHandlePendingAuthorization: flag("AMAZON_PAY_CAN_HANDLE_PENDING_AUTHORIZATION"),
  checkoutReviewReturnUrl: env("AMAZON_PAY_CHECKOUT_REVIEW_RETURN_URL"),
  checkoutResultReturnUrl: env("AMAZON_PAY_CHECKOUT_RESULT_RETURN_URL"),
  checkoutCancelUrl: env("AMAZON_PAY_CHECKOUT_CANCEL_URL"),
  merchantStoreName: env("AMAZON_PAY_MERCHANT_STORE_NAME"),
  softDescriptor: env("AMAZON_PAY_SOFT_DESCRIPTOR"),
  checkoutLanguage: env("AMAZON_PAY_CHECKOUT_LANGUAGE"),
  ledgerCurrency: env("AMAZON_PAY_LEDGER_CURRENCY"),
  // e.g. {"specialRestrictions":["RestrictPOBoxes"],"regionCountriesOnly":true}
  deliverySpecifications: json("AMAZON_PAY_DELIVERY_SPECIFICATIONS"),
  // Per-request timeout of the Amazon API client (the fault campaign shortens it).
  timeoutMs: integer("AMAZON_PAY_TIMEOUT_MS"),
  // IPN (webhooks/webhook-options.ts). Trusting an extra certificate URL is for the local sandbox only.
  ipnTrustedCertUrls: list("AMAZON_PAY_IPN_TRUSTED_CERT_URLS"),
  ipnConfirmSubscriptions: flag("AMAZON_PAY_IPN_CONFIRM_SUBSCRIPTIONS"),
  onPendingAuthorizationDeclined: env("AMAZON_PAY_ON_PENDING_AUTHORIZATION_DECLINED"),
  pendingPollAfterMs: integer("AMAZON_PAY_PENDING_POLL_AFTER_MS"),
  pendingPollBatchSize: integer("AMAZON_PAY_PENDING_POLL_BATCH_SIZE"),
  // The dashboard's notification bell (true by default).
  adminNotifications: flag("AMAZON_PAY_ADMIN_NOTIFICATIONS"),
  deliveryTrackers: deliveryTrackerOptions(),
}

/**
 * A second instance on the same Amazon account that captures on authorize, registered when
 * AMAZON_PAY_AUTO_CAPTURE_PROVIDER_ID names its id (Medusa id `pp_amazon-pay_<id>`): the fault
 * campaign gives orders of both capture modes in one store, as a store offering both would.
 */
const autoCaptureProviderId = env("AMAZON_PAY_AUTO_CAPTURE_PROVIDER_ID")

/**
 * The dashboard (`/app`) is served only when MEDUSA_SERVE_ADMIN=true: the demo and the browser tests
 * build it first (tools/demo/admin-bundle.ts) and set it; the integration tests run without it
 * (outside development Medusa refuses to start when the built dashboard is missing).
 */
const serveAdmin = flag("MEDUSA_SERVE_ADMIN") === true

/**
 * Under `medusa start` (NODE_ENV=production) Medusa makes the session cookie `Secure`
 * (@medusajs/framework http/express-loader.js `resolveSessionCookieSecurity`), so a browser on plain
 * http://localhost never sends it back and the dashboard's login loops. With
 * MEDUSA_ADMIN_LOCAL_HTTP=true (set by `npm run demo` and the browser tests only) the cookie is
 * express-session's `secure: "auto"`: Secure whenever the request came over https (directly or
 * through a proxy's X-Forwarded-Proto: Medusa trusts one proxy hop), plain only for plain http.
 * Never set it in production; without it Medusa's default (always Secure) stands.
 */
const localHttpAdmin = flag("MEDUSA_ADMIN_LOCAL_HTTP") === true

/**
 * Production topology (README "Production deployment"). With REDIS_URL set, the four
 * infrastructure modules move to Medusa's own Redis-backed implementations so several server
 * processes and a worker share one view: the Redis Event Bus (an IPN received on any server is
 * handled by a subscriber on the worker, with retries), the Redis Workflow Engine (a scheduled job
 * runs once per schedule across all processes), the Redis Locking provider (the payment lock holds
 * across processes) and the Redis cache. Without REDIS_URL everything stays in-memory, as the tests
 * and the demo expect. This mirrors what Medusa's own defineConfig registers for a cloud project
 * with REDIS_URL (@medusajs/utils define-config.js).
 */
const redisUrl = env("REDIS_URL")

/**
 * `shared` (one process does everything, the default), `server` (HTTP only: no subscribers, no
 * scheduled jobs) or `worker` (subscribers and scheduled jobs, no public HTTP). A typo would
 * silently fall back to `shared` in Medusa, so it stops start-up instead.
 */
const workerMode = ((): "shared" | "server" | "worker" | undefined => {
  const value = env("MEDUSA_WORKER_MODE")
  if (value === undefined) return undefined
  if (value === "shared" || value === "server" || value === "worker") return value
  throw new Error(`MEDUSA_WORKER_MODE must be shared, server or worker (got "${value}")`)
})()

/** Attempts of an event (the IPN's payment.webhook_received included) before BullMQ gives up. */
const eventAttempts = ((): number => {
  const value = env("MEDUSA_EVENT_ATTEMPTS") ?? "5"
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 50) {
    throw new Error(`MEDUSA_EVENT_ATTEMPTS must be a whole number from 1 to 50 (got "${value}")`)
  }
  return Number(value)
})()

const redisModules = redisUrl
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        options: {
          redisUrl,
          // A subscriber that throws is retried (only the subscribers that failed are run again, see
          // event-bus-redis' worker): the plugin's subscribers throw on transient failures only.
          // Medusa's webhook route sets its own `attempts` (payment module `webhook_retries`); the
          // backoff here applies to it too.
          jobOptions: { attempts: eventAttempts, backoff: { type: "exponential", delay: 1000 } },
        },
      },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
      { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
    ]
  : []

/** Drops unset variables so the provider's defaults apply. */
const definedOnly = (options: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@localhost:5432/medusa_amazon_pay_demo",
    // Sessions in Redis too, so an admin logged in through one server is logged in on all of them.
    ...(redisUrl ? { redisUrl } : {}),
    ...(workerMode ? { workerMode } : {}),
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000",
      authCors: process.env.AUTH_CORS ?? "http://localhost:8000,http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET ?? "supersecret",
      cookieSecret: process.env.COOKIE_SECRET ?? "supersecret",
    },
    ...(localHttpAdmin ? { cookieOptions: { secure: "auto" as unknown as boolean } } : {}),
  },
  admin: { disable: !serveAdmin },
  modules: [
    ...redisModules,
    // The plugin's own module (operation journal, Amazon objects, timeline). A store that lists the
    // plugin in `plugins` gets it automatically; this repository is the plugin's source, so it is
    // registered by path here.
    { resolve: "./src/modules/amazon-pay-journal" },
    ...(amazonPayOptions.publicKeyId
    ? [
        {
          resolve: "@medusajs/medusa/payment",
          options: {
            // Medusa's webhook route hands IPNs to subscribers after this delay (default 5000 ms);
            // the integration tests shorten it with MEDUSA_PAYMENT_WEBHOOK_DELAY_MS.
            webhook_delay: Number(env("MEDUSA_PAYMENT_WEBHOOK_DELAY_MS") ?? 5000),
            // Attempts of an IPN's payment.webhook_received on the Redis Event Bus (ignored by the
            // local one). Medusa's default is 3.
            webhook_retries: eventAttempts,
            providers: [
              { resolve: "./src/providers/amazon-pay", id: "amazon-pay", options: definedOnly(amazonPayOptions) },
              ...(autoCaptureProviderId
                ? [
                    {
                      resolve: "./src/providers/amazon-pay",
                      id: autoCaptureProviderId,
                      options: definedOnly({ ...amazonPayOptions, capture: "on_authorize" }),
                    },
                  ]
                : []),
            ],
          },
        },
      ]
    : []),
  ],
})
