// One chart colour per model, the same on every page and under every filter: assigned by the model's
// place in the catalog (the order models were added), never by its rank in the data shown, so a
// filter that drops the top model does not repaint the rest. Neighbouring colours differ in hue (no
// blue next to a violet or sky), so adjacent stacks and legend entries stay apart.

export const modelPalette = [
  'blue', 'amber', 'emerald', 'rose', 'violet', 'lime', 'cyan', 'orange',
  'fuchsia', 'teal', 'yellow', 'indigo', 'red', 'green', 'sky', 'pink',
] as const

export type ModelColor = (typeof modelPalette)[number] | 'stone' | 'gray'

/** Models outside the catalog (an unmatched model string) share a neutral; "the rest" is gray. */
export const UNCATALOGUED_COLOR = 'stone' satisfies ModelColor
export const REST_COLOR = 'gray' satisfies ModelColor

export type ModelColors = ReadonlyMap<string, ModelColor>

/** `slugs` in catalog order. */
export function assignModelColors(slugs: readonly string[]): ModelColors {
  return new Map(slugs.map((slug, i) => [slug, modelPalette[i % modelPalette.length]!]))
}

export function colorOfModel(colors: ModelColors, key: string, restKey?: string): ModelColor {
  if (restKey !== undefined && key === restKey) return REST_COLOR
  return colors.get(key) ?? UNCATALOGUED_COLOR
}
