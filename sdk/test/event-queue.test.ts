import { expect, it } from 'vitest'
import { EventQueue } from '../src/event-queue'

it('keeps FIFO order through takes, drops at the front and a put-back', () => {
  const q = new EventQueue<number>()
  for (let i = 0; i < 5000; i++) q.push(i)
  expect(q.take(3)).toEqual([0, 1, 2])
  q.dropOldest(2000) // past the reclaim threshold: the array is compacted
  expect(q.size).toBe(2997)
  const batch = q.take(2)
  expect(batch).toEqual([2003, 2004])
  q.putBack(batch)
  expect(q.take(3)).toEqual([2003, 2004, 2005])
  q.dropOldest(10_000)
  expect(q.size).toBe(0)
  expect(q.take(5)).toEqual([])
  q.push(7)
  expect(q.take(5)).toEqual([7])
})
