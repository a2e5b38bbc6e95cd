import Dispatch
import Foundation
import Synchronization
import Testing

@testable import RapportCore

@Suite struct ParallelTests {
    @Test func parallelMapKeepsTheOrderOfItsItems() {
        let items = Array(0..<1_000)
        #expect(parallelMap(items) { $0 * 2 } == items.map { $0 * 2 })
    }

    @Test func aBackgroundValueIsTakenOnce() {
        let background = Background { [1, 2, 3] }
        #expect(background.take() == [1, 2, 3])
        #expect(background.take() == nil)
    }

    /// Where the objects of one test were freed.
    final class Frees: Sendable {
        let done = DispatchSemaphore(value: 0)
        let onCaller = Mutex(0)
        let caller = pthread_self()
    }

    final class Tracked: Sendable {
        let frees: Frees
        init(_ frees: Frees) { self.frees = frees }

        deinit {
            if pthread_equal(pthread_self(), frees.caller) != 0 { frees.onCaller.withLock { $0 += 1 } }
            frees.done.signal()
        }
    }

    @Test func aValueReleasedInTheBackgroundIsFreedOnAnotherThread() {
        let frees = Frees()
        var objects = (0..<100).map { _ in Tracked(frees) }
        var handedOver: [Tracked] = []
        swap(&handedOver, &objects)
        releaseInBackground(consume handedOver)
        for _ in 0..<100 { #expect(frees.done.wait(timeout: .now() + 10) == .success) }
        #expect(frees.onCaller.withLock { $0 } == 0)
    }
}
