import { describe, expect, it } from 'vitest'
import { assignModelColors, colorOfModel, modelPalette } from './model-colors'

const blueish = new Set(['blue', 'sky', 'indigo', 'violet', 'cyan'])

describe('model colours', () => {
  it('follow catalog order, not the data: dropping a model repaints no other', () => {
    const colors = assignModelColors(['gpt-4o', 'o1', 'claude-3-5-sonnet'])
    expect(colorOfModel(colors, 'o1')).toBe(modelPalette[1])
    expect(colorOfModel(colors, 'claude-3-5-sonnet')).toBe(modelPalette[2])
    expect(colorOfModel(colors, 'not-in-catalog')).toBe('stone')
    expect(colorOfModel(colors, 'Other models', 'Other models')).toBe('gray')
  })

  it('no two neighbours (wrapping round) are both blues or violets, and every colour is distinct', () => {
    expect(new Set(modelPalette).size).toBe(modelPalette.length)
    modelPalette.forEach((c, i) => {
      const next = modelPalette[(i + 1) % modelPalette.length]!
      expect(blueish.has(c) && blueish.has(next), `${c} next to ${next}`).toBe(false)
    })
  })
})
