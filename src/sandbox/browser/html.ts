/**
 * HTML for the sandbox's browser pages: one escaping function for every value rendered, one page
 * frame (no scripts: every page works with plain forms, for people, browsers and HTTP clients).
 */
export const escapeHtml = (value: unknown): string => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 Arial,Helvetica,sans-serif;color:#0f1111;background:#f3f3f3}
header{background:#232f3e;color:#fff;padding:12px 24px;display:flex;align-items:center;gap:10px}
header .logo{font:700 22px/1 Arial,sans-serif;letter-spacing:.3px}
header .badge{font:700 11px/1 Arial,sans-serif;border:1px solid #ffd814;color:#ffd814;border-radius:4px;padding:3px 6px}
main{max-width:720px;margin:24px auto;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}
.card{background:#fff;border:1px solid #d5d9d9;border-radius:8px;padding:16px 20px;margin:0 0 16px}
.muted{color:#565959}
.refused{color:#b12704}
.total{font-size:20px;font-weight:700}
fieldset{border:1px solid #d5d9d9;border-radius:8px;padding:12px 16px;margin:0 0 16px;background:#fff}
legend{font-weight:700;padding:0 4px}
label.choice{display:flex;gap:10px;align-items:flex-start;padding:6px 0;cursor:pointer}
label.choice input{margin-top:3px}
.actions{display:flex;gap:12px;flex-wrap:wrap;align-items:center}
button{font:600 15px/1 Arial,sans-serif;border-radius:8px;padding:12px 20px;cursor:pointer}
button.primary{background:#ffd814;border:1px solid #fcd200;color:#0f1111;min-width:180px}
button.secondary{background:#fff;border:1px solid #d5d9d9;color:#0f1111}
.notice{background:#fffbe6;border:1px solid #f0c36d;border-radius:8px;padding:10px 14px;margin:0 0 16px}
code{font-size:13px}
`

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<header><span class="logo">amazon pay</span><span class="badge">SANDBOX</span></header>
<main>
${body}
</main>
</body></html>`
}

export function renderErrorPage(status: number, message: string): string {
  return htmlPage("Amazon Pay sandbox", `<h1>Error ${status}</h1><p id="error" role="alert">${escapeHtml(message)}</p>`)
}
