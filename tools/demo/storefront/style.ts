/** The demo storefront's look: plain, readable, and clearly not Amazon's page. */
export const STOREFRONT_STYLE = `<style>
body{margin:0;font:15px/1.5 -apple-system,Segoe UI,Arial,sans-serif;color:#111;background:#f6f6f7}
header{background:#fff;border-bottom:1px solid #e5e5e5;padding:12px 24px;display:flex;gap:12px;align-items:center}
.logo{font-weight:700;color:#111;text-decoration:none}.badge{font-size:12px;border:1px solid #999;border-radius:4px;padding:2px 6px;color:#555}
main{max-width:640px;margin:24px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e5e5e5;border-radius:10px;padding:16px 20px;margin:0 0 16px}
h1{font-size:22px}h2{font-size:17px;margin:0 0 8px}.muted{color:#666}.total{font-weight:700;font-size:18px}
ul{padding-left:18px}li span{float:right}
form{display:grid;gap:8px}label{display:grid;gap:2px;font-size:13px;color:#444}
input,select{font:inherit;padding:6px 8px;border:1px solid #ccc;border-radius:6px}
button{font:inherit;padding:8px 14px;border-radius:8px;border:1px solid #111;background:#111;color:#fff;cursor:pointer}
#amazon-pay-express,#amazon-pay-checkout{margin-top:12px;max-width:320px}
[role=alert]{color:#b12704;font-weight:600}.notice{background:#fff8e1;border:1px solid #f0c36d;border-radius:8px;padding:8px 12px}
</style>`
