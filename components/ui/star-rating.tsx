// Part 3 ratings are whole or half stars (⭐⭐⭐⭐☆ = 4.5). A half star is a full glyph clipped to half width.
export function StarRating({ value }: { value: number }) {
  const label = `${value} out of 5`
  return (
    <span role="img" aria-label={label} title={label} className="inline-flex text-tremor-default leading-none">
      {[0, 1, 2, 3, 4].map((i) => {
        const fill = Math.max(0, Math.min(1, value - i))
        return (
          <span key={i} aria-hidden="true" className="relative inline-block text-gray-300">
            ★
            {fill > 0 ? (
              <span className="absolute inset-y-0 left-0 overflow-hidden text-amber-400" style={{ width: `${fill * 100}%` }}>
                ★
              </span>
            ) : null}
          </span>
        )
      })}
    </span>
  )
}
