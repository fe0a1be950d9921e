/// Hands a value (a closure over thread-confined state) to `DispatchQueue.concurrentPerform`.
/// Only for work whose concurrent iterations touch disjoint state, which the caller guarantees.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
