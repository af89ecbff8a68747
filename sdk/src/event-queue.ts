/**
 * A FIFO whose front moves by an index: taking a batch or dropping the oldest at the cap costs O(1)
 * per event, where Array#splice(0, n) would move every waiting event on each record() once full.
 */
export class EventQueue<T> {
  private items: T[] = []
  private head = 0

  get size(): number {
    return this.items.length - this.head
  }

  push(item: T): void {
    this.items.push(item)
  }

  take(n: number): T[] {
    const batch = this.items.slice(this.head, this.head + n)
    this.advance(batch.length)
    return batch
  }

  dropOldest(n: number): void {
    this.advance(Math.min(n, this.size))
  }

  /** Back at the front, in order (a batch that could not be sent before the deadline). */
  putBack(batch: T[]): void {
    this.items = batch.concat(this.items.slice(this.head))
    this.head = 0
  }

  private advance(n: number): void {
    this.head += n
    // Reclaim the consumed front once it is most of the array, so the copy stays amortised O(1).
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
  }
}
