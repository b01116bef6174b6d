import { Copy, Text } from "@medusajs/ui"

/** An Amazon id as monospace text with a copy button; linked to Seller Central when a URL is given. */
export function AmazonId({ id, href }: { id: string; href?: string }) {
  return (
    <span className="inline-flex items-center gap-x-1">
      {href ? (
        <a href={href} target="_blank" rel="noreferrer" className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover font-mono">
          {id}
        </a>
      ) : (
        <Text size="small" className="font-mono">
          {id}
        </Text>
      )}
      <Copy content={id} className="text-ui-fg-muted" />
    </span>
  )
}
