import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { buildOpenApiDocument } from '@/lib/openapi/build-openapi-document'

export const dynamic = 'force-static'

export const GET = apiHandler(async () => jsonResponse(buildOpenApiDocument()))
