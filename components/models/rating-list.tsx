import { StarRating } from '@/components/ui/star-rating'

/** A model's Part 3 star ratings, one row per dimension (orderedRatings gives the document's order). */
export function RatingList({ ratings, className, labelClassName }: { ratings: { key: string; label: string; value: number }[]; className: string; labelClassName: string }) {
  return (
    <dl className={className}>
      {ratings.map((r) => (
        <div key={r.key} className="contents">
          <dt className={labelClassName}>{r.label}</dt>
          <dd>
            <StarRating value={r.value} />
          </dd>
        </div>
      ))}
    </dl>
  )
}
