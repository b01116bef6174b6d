/**
 * `medusa-payment-amazon-pay/admin`: the dashboard extensions (the Amazon Pay order widget) that
 * Medusa's admin bundler loads from this plugin when the store lists it in `plugins`. A store never
 * imports it itself; the type is here so that `exports` has types for every entry.
 */
declare const plugin: {
  widgetModule: { widgets: unknown[] }
  routeModule: { routes: unknown[] }
  menuItemModule: { menuItems: unknown[] }
  formModule: { customFields: Record<string, unknown> }
  displayModule: { displays: Record<string, unknown> }
  i18nModule: { resources: Record<string, unknown> }
  [module: string]: unknown
}
export default plugin
