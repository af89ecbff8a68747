// The slice of OpenAPI 3.1 the docs page reads. Loose on purpose: the document is generated from zod
// schemas and may grow fields the page simply ignores.
export type JsonSchema = {
  $ref?: string
  type?: string | string[]
  description?: string
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: JsonSchema | boolean
  propertyNames?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  default?: unknown
}

export type MediaContent = Record<string, { schema?: JsonSchema; example?: unknown }>

export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }

export type Operation = {
  summary?: string
  description?: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean; description?: string; content?: MediaContent }
  responses?: Record<string, { description?: string; content?: MediaContent }>
}

export type OpenApiLike = {
  info?: { title?: string; version?: string; description?: string }
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export const httpMethods = ['get', 'post', 'put', 'patch', 'delete'] as const
