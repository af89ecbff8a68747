import protobuf from 'protobufjs'
import descriptor from './otlp-descriptor.json'

// Built once from the committed descriptor of the official .proto files (see build-otlp-descriptor.ts).
const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace)

export const ExportTraceServiceRequest = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest')
export const ExportTraceServiceResponse = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse')
export const RpcStatus = root.lookupType('google.rpc.Status')
