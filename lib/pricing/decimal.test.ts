import DecimalJs from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { Decimal, toDecimal } from './decimal'

describe('money Decimal', () => {
  it('keeps 40 significant digits where binary floats drift', () => {
    expect(new Decimal('0.1').plus('0.2').toString()).toBe('0.3')
    expect(new Decimal('999999999').times('99999999999.999999999').toFixed()).toBe('99999999899999999999.000000001')
  })

  it.each([
    ['string', '0.15', '0.15'],
    ['integer', 3, '3'],
    ['another decimal.js copy (as Prisma returns)', new DecimalJs('1.000000001'), '1.000000001'],
    ['object with toString', { toString: () => '2.5' }, '2.5'],
  ])('toDecimal from %s', (_name, value, expected) => {
    expect(toDecimal(value).toFixed()).toBe(expected)
  })

  it('refuses a float, which has already lost money precision', () => {
    expect(() => toDecimal(0.15)).toThrow(/float/)
  })
})
