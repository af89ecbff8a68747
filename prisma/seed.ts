import 'dotenv/config'
import { disconnectDb, pool, prisma } from '@/lib/db'
import { DEMO_LOGINS } from '@/lib/demo/demo-logins'
import { seedCatalog } from '@/lib/demo/seed-catalog'
import { seedDemo } from '@/lib/demo/seed-demo'
import { sweepPendingBatches } from '@/lib/rollups/sweep-pending-batches'

// `npm run db:seed` loads the document's catalog and price table (always; re-runnable).
// `npm run db:seed -- --demo` (or SEED_DEMO=1) adds demo teams, logins and ~60 days of usage;
// production installs start clean.
async function main(): Promise<void> {
  const started = Date.now()
  const withDemo = process.argv.includes('--demo') || process.env.SEED_DEMO === '1'

  const catalog = await seedCatalog(prisma)
  console.log(
    `catalog: ${catalog.models.created} models created (${catalog.models.existing} existing), ` +
      `${catalog.aliases.created} aliases created (${catalog.aliases.existing} existing), ` +
      `${catalog.priceVersions.created} price versions created (${catalog.priceVersions.existing} existing)`,
  )

  if (withDemo) {
    const demo = await seedDemo(prisma, pool)
    console.log(
      `demo: teams +${demo.teams.created} (${demo.teams.existing} existing), users +${demo.users.created} ` +
        `(${demo.users.existing} existing), policies +${demo.policies.created} (${demo.policies.existing} existing), ` +
        `events +${demo.events.inserted} of ${demo.events.generated} in ${demo.events.batches} batches`,
    )
    // Through the same exactly-once path the workers use, so pages have numbers before the first sweep.
    const rolled = await sweepPendingBatches(pool, { olderThanSeconds: 0, limit: 100_000 })
    console.log(`rollups: ${rolled.applied} batches applied`)
    console.log('demo logins:')
    for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(9)} ${l.email.padEnd(36)} ${l.password}`)
  }
  console.log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

main()
  .catch((e: unknown) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => disconnectDb())
