import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Values made once per thread, by key, and kept by each thread for itself.
///
/// For small values that most pages show (the page chrome, people, tags): one copy used by
/// the two threads that make pages has its reference counts written by both cores at every
/// use, and its cache line passed between them each time; a lock around a shared table
/// is passed around the same way. Making such a value once more per thread costs far less.
/// What a thread keeps is its own, so no lock is taken either.
final class ThreadCache: Sendable {
    /// Tells this cache's values from another's on the same thread.
    private let identity = ThreadCache.instances.add(1, ordering: .relaxed).newValue
    private static let instances = Atomic<Int>(0)
    /// Raised by `clear`: values of an earlier generation are not used.
    private let generation = Atomic<Int>(0)

    /// The value stored under `key` on this thread, made by `make` the first time.
    func value<Value>(_ key: String, _ make: () -> Value) -> Value {
        let entries = ThreadEntries.current(owner: identity, generation: generation.load(ordering: .relaxed))
        if let value = entries.values[key] as? Value { return value }
        let value = make()
        entries.values[key] = value
        return value
    }

    /// Forgets every thread's values (each thread lets go of them at its next use).
    func clear() {
        generation.add(1, ordering: .relaxed)
    }
}

/// One thread's values, for the few caches it used last.
private final class ThreadEntries {
    let owner: Int
    let generation: Int
    var values: [String: Any] = [:]

    private init(owner: Int, generation: Int) {
        self.owner = owner
        self.generation = generation
    }

    /// At most this many caches' values per thread: a build uses two (`SharedValues` and
    /// `PageChrome`); tests run several builds on the same threads.
    private static let slots = 4

    /// This thread's values for `owner` at `generation`: those it has, or new ones in
    /// place of the least recently used (or of the owner's older generation).
    static func current(owner: Int, generation: Int) -> ThreadEntries {
        let list = ThreadList.current
        if let first = list.entries.first, first.owner == owner, first.generation == generation { return first }
        if let index = list.entries.firstIndex(where: { $0.owner == owner && $0.generation == generation }) {
            let found = list.entries.remove(at: index)
            list.entries.insert(found, at: 0)
            return found
        }
        list.entries.removeAll { $0.owner == owner }
        if list.entries.count >= slots { list.entries.removeLast() }
        let made = ThreadEntries(owner: owner, generation: generation)
        list.entries.insert(made, at: 0)
        return made
    }
}

/// The thread's `ThreadEntries`, most recently used first, held through a POSIX
/// thread-specific key and released when the thread ends.
private final class ThreadList {
    var entries: [ThreadEntries] = []

    static var current: ThreadList {
        if let pointer = pthread_getspecific(key) { return Unmanaged<ThreadList>.fromOpaque(pointer).takeUnretainedValue() }
        let list = ThreadList()
        pthread_setspecific(key, Unmanaged.passRetained(list).toOpaque())
        return list
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadList>.fromOpaque(pointer).release() }
        }
        return key
    }()
}
