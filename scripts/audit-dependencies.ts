// CI step: `npm audit --omit=dev`, bounded to 60 s. Fails on high/critical findings; when the advisory
// service cannot be reached it says so plainly and passes (the network is not the code's fault).
import { spawnSync } from 'node:child_process'
import { describeNpmAudit, readNpmAudit } from '../lib/ci/read-npm-audit'

const run = spawnSync('timeout', ['60', 'npm', 'audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
const outcome = readNpmAudit(run.status, run.stdout ?? '')
console.log(describeNpmAudit(outcome))
process.exit(outcome.kind === 'findings' && outcome.blocking > 0 ? 1 : 0)
