import Foundation
import Synchronization
import Testing

@testable import RapportSite

#if canImport(Glibc)
    import Glibc
#endif

/// The watcher lists every folder again only when a folder may have appeared; files written
/// in a folder made while serving must still be seen.
@Suite struct FileWatcherTests {
    #if os(Linux)
        /// One inotify event as the kernel writes it: wd, mask, cookie, name length, name
        /// padded with NULs.
        private func event(mask: Int32, name: String = "") -> [UInt8] {
            var padded = Array(name.utf8)
            if !padded.isEmpty { padded += [UInt8](repeating: 0, count: 16 - padded.count % 16) }
            var bytes: [UInt8] = []
            for field in [UInt32(1), UInt32(bitPattern: mask), 0, UInt32(padded.count)] {
                withUnsafeBytes(of: field.littleEndian) { bytes += $0 }
            }
            return bytes + padded
        }

        @Test func onlyAFolderCreatedOrMovedInOrLostEventsCallForNewWatches() {
            let edit = event(mask: IN_MODIFY, name: "2026-03-02-ops.md") + event(mask: IN_CLOSE_WRITE, name: "2026-03-02-ops.md")
            let renameSave = event(mask: IN_CREATE, name: "ops.md.swp") + event(mask: IN_MOVED_TO, name: "2026-03-02-ops.md")
            #expect(!FileWatcher.announcesNewFolder(edit[...]))
            #expect(!FileWatcher.announcesNewFolder(renameSave[...]))
            #expect(!FileWatcher.announcesNewFolder(event(mask: IN_DELETE | IN_ISDIR, name: "old")[...]))
            // After other events, so that the walk over names and padding is what finds it.
            #expect(FileWatcher.announcesNewFolder((edit + event(mask: IN_CREATE | IN_ISDIR, name: "wins"))[...]))
            #expect(FileWatcher.announcesNewFolder((renameSave + event(mask: IN_MOVED_TO | IN_ISDIR, name: "a-long-folder-name"))[...]))
            #expect(FileWatcher.announcesNewFolder(event(mask: IN_Q_OVERFLOW)[...]))
        }
    #endif

    /// How many times the watcher called back.
    private final class Calls: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }

        /// Waits up to five seconds for the count to reach `target`.
        func wait(for target: Int) async throws -> Int {
            for _ in 0..<100 where value < target { try await Task.sleep(for: .milliseconds(50)) }
            return value
        }
    }

    @Test func aFileWrittenInAFolderMadeWhileWatchingIsSeen() async throws {
        let fixture = try SiteFixture()
        let calls = Calls()
        let watcher = FileWatcher(roots: [fixture.content]) { calls.add() }
        watcher.start()
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(300))  // the first watches are in place

        try FileManager.default.createDirectory(atPath: fixture.content + "/wins", withIntermediateDirectories: false)
        #expect(try await calls.wait(for: 1) == 1)
        try await Task.sleep(for: .milliseconds(200))  // that burst is over
        try fixture.write("wins/2026-03-02-record-month.md", "---\ntitle: Record month\n---\n")
        #expect(try await calls.wait(for: 2) == 2)
    }
}
