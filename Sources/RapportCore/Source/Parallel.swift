import Dispatch

/// Maps `items` to results on all cores, keeping the order of `items`.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    let results = ResultBuffer<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.store(transform(items[index]), at: index)
    }
    return results.values()
}

/// Write-once slots, each written by exactly one iteration of `concurrentPerform`.
private final class ResultBuffer<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: R, at index: Int) { slots[index] = value }

    func values() -> [R] { (0..<count).map { slots[$0]! } }
}

/// A value made on another thread while the caller goes on with other work.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once, before `done` is left; read only after waiting for it.
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.done.leave()
        }
    }

    /// The value, once made (waits for it).
    public var value: Value {
        done.wait()
        return result!
    }

    /// The value, once made, let go of here: nil after the first call. Not to be mixed
    /// with `value`, nor called from two threads at once.
    public func take() -> Value? {
        done.wait()
        defer { result = nil }
        return result
    }
}

/// Lets go of `value` on another thread: freeing thousands of objects one by one is work
/// the caller need not wait for. The caller must hold no other reference to what `value`
/// holds, or the last release (and the freeing) may still fall to it.
public func releaseInBackground<T>(_ value: consuming T) {
    let box = ReleaseBox(value)
    DispatchQueue.global().async { box.value = nil }
}

private final class ReleaseBox<T>: @unchecked Sendable {
    var value: T?
    init(_ value: consuming T) { self.value = value }
}
