import path from 'node:path'
import protobuf from 'protobufjs'

// The official definitions, committed under lib/otlp/proto: opentelemetry-proto v1.11.0 (commit
// 790608c4) and googleapis' google/rpc/status.proto. google/protobuf/any.proto comes with protobufjs.
export const OTLP_PROTO_DIR = path.join(process.cwd(), 'lib/otlp/proto')
const entryFiles = ['opentelemetry/proto/collector/trace/v1/trace_service.proto', 'google/rpc/status.proto']

/**
 * The protobufjs JSON descriptor of the .proto files, as committed in otlp-descriptor.json (the route
 * bundles the JSON: reading .proto files at run time would depend on the server's working directory).
 * scripts/generate-otlp-descriptor.ts writes it; a unit test proves the committed one is current.
 */
export function buildOtlpDescriptor(protoDir = OTLP_PROTO_DIR): protobuf.INamespace {
  const root = new protobuf.Root()
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(protoDir, target))
  root.loadSync(entryFiles, { keepCase: false })
  return root.toJSON({ keepComments: false })
}
