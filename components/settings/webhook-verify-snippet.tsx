import { sectionTitle } from '@/components/ui/styles'

// Receivers verify with any Standard Webhooks library; this is the Node one. The raw body must be
// verified before it is parsed (re-serialised JSON does not match the signature).
const snippet = `// npm install standardwebhooks
import { Webhook } from 'standardwebhooks'

const wh = new Webhook(process.env.MODELLEDGER_WEBHOOK_SECRET) // whsec_…

app.post('/modelledger', express.raw({ type: 'application/json' }), (req, res) => {
  try {
    // Checks webhook-id, webhook-timestamp (±5 min) and webhook-signature.
    const alert = wh.verify(req.body, req.headers)
    // Deliveries are at least once: skip a webhook-id already handled.
    handle(req.headers['webhook-id'], alert)
    res.sendStatus(204)
  } catch {
    res.sendStatus(401)
  }
})`

export function WebhookVerifySnippet() {
  return (
    <section aria-labelledby="verify-title" className="space-y-2">
      <h2 id="verify-title" className={sectionTitle}>Verifying a delivery</h2>
      <p className="max-w-3xl text-tremor-default text-tremor-content">
        Every delivery is signed as the <a className="text-tremor-brand-default underline" href="https://www.standardwebhooks.com/">Standard Webhooks</a> spec
        says: headers <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> (<code>v1,&lt;base64&gt;</code>; during a
        rotation two signatures, space-separated, and either secret verifies). Each team has its own secret, so one team&apos;s receiver cannot forge
        another team&apos;s alerts. Libraries exist for most languages; in Node:
      </p>
      <pre data-testid="webhook-verify-snippet" className="max-w-3xl overflow-x-auto rounded-tremor-default bg-tremor-background-emphasis p-3 font-mono text-tremor-label text-white">
        {snippet}
      </pre>
    </section>
  )
}
