import { writeFileSync } from 'node:fs'
import { buildOtlpDescriptor } from '@/lib/otlp/build-otlp-descriptor'

// Regenerates lib/otlp/otlp-descriptor.json from the committed .proto files (after updating them).
writeFileSync('lib/otlp/otlp-descriptor.json', `${JSON.stringify(buildOtlpDescriptor(), null, 1)}\n`)
console.log('wrote lib/otlp/otlp-descriptor.json')
