import { describe, expect, it } from 'vitest'
import { parseBillFiles } from './parse-bill'
import { splitLineItem } from './parse-openai-bill'

const D = 1_733_011_200 // 2024-12-01T00:00:00Z
const costs = (start: number, width: number, lines: [string | null, string][]) =>
  `{"object":"page","data":[{"object":"bucket","start_time":${start},"end_time":${start + width},"results":[${lines
    .map(([item, v]) => `{"object":"organization.costs.result","amount":{"value":${v},"currency":"usd"},"line_item":${item === null ? 'null' : `"${item}"`},"project_id":null}`)
    .join(',')}]}],"has_more":false,"next_page":null}`

describe('splitLineItem', () => {
  it.each([
    ['gpt-4o-2024-08-06, input', 'gpt-4o-2024-08-06', 'input'],
    ['gpt-4o-mini-2024-07-18, cached input', 'gpt-4o-mini-2024-07-18', 'cached input'],
    ['ft-gpt-4o, training', 'ft-gpt-4o', 'training'],
    ['web search tool calls', 'web search tool calls', null],
  ])('%s', (item, model, kind) => expect(splitLineItem(item)).toEqual({ model, kind }))
})

describe('parseBillFiles', () => {
  it('folds hourly buckets into their day, exactly', () => {
    const hour = 3600
    const files = [0, 1, 2].map((h) => ({ name: `h${h}.json`, text: costs(D + h * hour, hour, [['gpt-4o, input', '0.1']]) }))
    const parsed = parseBillFiles('openai', files)
    expect(parsed.lines).toHaveLength(1)
    expect(parsed.lines[0]).toMatchObject({ day: '2024-12-01', amount: '0.3', currency: 'USD', modelRaw: 'gpt-4o', tokenKind: 'input', sources: 3 })
    expect(parsed.rawLines).toBe(3)
  })

  it('refuses a bucket that spans two UTC days', () => {
    expect(() => parseBillFiles('openai', [{ name: 'x.json', text: costs(D + 3600, 86_400, [['gpt-4o, input', '1']]) }])).toThrow(/x\.json page 1: data\[0\]: the bucket .* is not within one UTC day/)
  })

  it('says what is wrong at a JSON path in words, not in the schema library\'s', () => {
    const noCurrency = costs(D, 86_400, [['gpt-4o, input', '1']]).replace(',"currency":"usd"', '')
    expect(() => parseBillFiles('openai', [{ name: 'c.json', text: noCurrency }])).toThrow('c.json page 1: $.data[0].results[0].amount.currency: missing (expected text)')
    const textValue = costs(D, 86_400, [['gpt-4o, input', '"1"']])
    expect(() => parseBillFiles('openai', [{ name: 'c.json', text: textValue }])).toThrow('c.json page 1: $.data[0].results[0].amount.value: expected a number')
    const listItem = costs(D, 86_400, [['gpt-4o, input', '1']]).replace('"line_item":"gpt-4o, input"', '"line_item":["gpt-4o"]')
    expect(() => parseBillFiles('openai', [{ name: 'c.json', text: listItem }])).toThrow('c.json page 1: $.data[0].results[0].line_item: expected text, found a list')
  })

  it('warns when the last page says more pages follow', () => {
    const text = costs(D, 86_400, [['gpt-4o, input', '1']]).replace('"has_more":false', '"has_more":true')
    expect(parseBillFiles('openai', [{ name: 'p.json', text }]).warnings).toEqual(['p.json: the last page says has_more: true — pages after it are missing from this file'])
  })

  it('refuses an Anthropic report given as OpenAI', () => {
    const anthropic = '{"data":[{"starting_at":"2024-12-01T00:00:00Z","ending_at":"2024-12-02T00:00:00Z","results":[{"amount":"1","currency":"USD"}]}],"has_more":false}'
    expect(() => parseBillFiles('openai', [{ name: 'a.json', text: anthropic }])).toThrow(/a\.json page 1: not an OpenAI Costs or Usage/)
  })

  it('reads Anthropic amounts as the lowest currency unit', () => {
    const report = '{"data":[{"starting_at":"2024-12-01T00:00:00Z","ending_at":"2024-12-02T00:00:00Z","results":[{"amount":"123.45","currency":"USD","model":"claude-sonnet-4-20250514","cost_type":"tokens","token_type":"output_tokens","description":"x"}]}],"has_more":false,"next_page":null}'
    expect(parseBillFiles('anthropic', [{ name: 'c.json', text: report }]).lines[0]).toMatchObject({ amount: '1.2345', currency: 'USD', modelRaw: 'claude-sonnet-4-20250514' })
  })

  it('CSV: sums token columns and keeps the currency', () => {
    const csv = 'date,provider,model,cost,currency,input_tokens,output_tokens\n2024-12-01,Mistral,mistral-large,"1.50",eur,100,20\n'
    expect(parseBillFiles('csv', [{ name: 'b.csv', text: csv }]).lines[0]).toMatchObject({ provider: 'mistral', amount: '1.5', currency: 'EUR', tokens: '120' })
  })

  it.each([
    ['date,provider,model\n', 'b.csv line 1: the header lacks cost'],
    ['date,provider,model,cost,colour\n', 'unknown column(s) colour'],
    ['date,provider,model,cost\n2024-12-01,x,m,1e3\n', "b.csv line 2: cost '1e3' is not a decimal number"],
    ['date,provider,model,cost,tokens\n2024-12-01,x,m,1,12.5\n', "b.csv line 2: tokens '12.5' is not a whole number"],
  ])('CSV refuses %j', (csv, message) => {
    expect(() => parseBillFiles('csv', [{ name: 'b.csv', text: csv }])).toThrow(message)
  })
})
