import Foundation
import Synchronization
import Testing

@testable import RapportSite

/// `ThreadCache` keeps one value per key on each thread: made once there, never mixed with
/// another cache's, forgotten on `clear`.
@Suite struct ThreadCacheTests {
    /// Counts the values made, by key.
    final class Maker: Sendable {
        private let counts = Mutex([String: Int]())
        func make(_ key: String) -> String {
            counts.withLock { $0[key, default: 0] += 1 }
            return "value of " + key
        }
        func count(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
    }

    @Test func aThreadMakesEachValueOnceUntilCleared() {
        let cache = ThreadCache()
        let maker = Maker()
        for _ in 0..<3 {
            #expect(cache.value("a") { maker.make("a") } == "value of a")
            #expect(cache.value("b") { maker.make("b") } == "value of b")
        }
        #expect(maker.count("a") == 1)
        #expect(maker.count("b") == 1)
        cache.clear()
        #expect(cache.value("a") { maker.make("a") } == "value of a")
        #expect(cache.value("a") { maker.make("a") } == "value of a")
        #expect(maker.count("a") == 2)
    }

    @Test func cachesUsedOnOneThreadKeepTheirOwnValues() {
        // More caches than a thread keeps values for at once, used in turns: each still
        // gives its own value for a key, made again only after being let go.
        let caches = (0..<6).map { _ in ThreadCache() }
        for round in 0..<3 {
            for (index, cache) in caches.enumerated() {
                #expect(cache.value("key") { "cache \(index)" } == "cache \(index)")
                #expect(cache.value("key") { "made again in round \(round)" } == "cache \(index)")
            }
        }
        let (first, second) = (ThreadCache(), ThreadCache())
        #expect(first.value("key") { 1 } == 1)
        #expect(second.value("key") { 2 } == 2)
        #expect(first.value("key") { 3 } == 1)
        // A value kept under a key as one type is not given out as another.
        #expect(first.value("key") { "text" } == "text")
    }

    @Test func eachThreadMakesItsOwn() {
        let cache = ThreadCache()
        let maker = Maker()
        let done = DispatchSemaphore(value: 0)
        let values = Mutex([String]())
        for _ in 0..<3 {
            let thread = Thread {
                for _ in 0..<5 {
                    let value = cache.value("chrome") { maker.make("chrome") }
                    values.withLock { $0.append(value) }
                }
                done.signal()
            }
            thread.start()
        }
        for _ in 0..<3 { done.wait() }
        #expect(maker.count("chrome") == 3)
        #expect(values.withLock { $0 } == Array(repeating: "value of chrome", count: 15))
    }
}
