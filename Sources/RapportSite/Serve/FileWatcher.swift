import Foundation
import RapportCore

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (recursively) and calls back once per burst of changes. On Linux it
/// uses inotify; elsewhere it polls file signatures every 300 ms.
public final class FileWatcher: @unchecked Sendable {
    private let roots: [String]
    private let onChange: @Sendable () -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    public init(roots: [String], onChange: @escaping @Sendable () -> Void) {
        self.roots = roots
        self.onChange = onChange
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "rapport-watch"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func run() {
        #if os(Linux)
            let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            if fd >= 0 {
                runInotify(fd)
                close(fd)
                return
            }
        #endif
        runPolling()
    }

    #if os(Linux)
        private func runInotify(_ fd: Int32) {
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)
            func watchAll() {
                for root in roots {
                    inotify_add_watch(fd, root, mask)
                    for folder in FileWatcher.folders(under: root) { inotify_add_watch(fd, folder, mask) }
                }
            }
            watchAll()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while !isStopped {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 250) > 0 else { continue }
                // Drain the burst: editors write, rename and touch in quick succession.
                var sawEvent = false
                var sawNewFolder = false
                repeat {
                    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count > 0 {
                        sawEvent = true
                        sawNewFolder = sawNewFolder || FileWatcher.announcesNewFolder(buffer.prefix(count))
                    }
                    var waiter = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&waiter, 1, 60) <= 0 { break }
                } while !isStopped
                if sawEvent && !isStopped {
                    // Listing every folder costs a stat per file (20k at 10,000 notes): only
                    // a folder created or moved in, or lost events, can need a new watch.
                    if sawNewFolder { watchAll() }  // re-adding a watch is harmless
                    onChange()
                }
            }
        }

        /// Whether a run of inotify events tells of a folder created or moved in, or of events
        /// lost to a full queue (after which any folder may be new).
        static func announcesNewFolder(_ events: ArraySlice<UInt8>) -> Bool {
            let bytes = Array(events)
            let header = MemoryLayout<inotify_event>.size
            let maskAt = MemoryLayout<inotify_event>.offset(of: \.mask)!
            let lengthAt = MemoryLayout<inotify_event>.offset(of: \.len)!
            var offset = 0
            while offset + header <= bytes.count {
                let (mask, length) = bytes.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset + maskAt, as: UInt32.self),
                     raw.loadUnaligned(fromByteOffset: offset + lengthAt, as: UInt32.self))
                }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { return true }
                offset += header + Int(length)
            }
            return false
        }
    #endif

    private func runPolling() {
        var last = signature()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.3)
            let now = signature()
            if now != last {
                last = now
                onChange()
            }
        }
    }

    private func signature() -> [String: FileSignature] {
        var out: [String: FileSignature] = [:]
        for root in roots {
            for file in FileTree.files(under: root) { out[root + "/" + file] = FileSignature.of(root + "/" + file) }
        }
        return out
    }

    /// Every folder under `root`, hidden ones skipped.
    static func folders(under root: String) -> [String] {
        var out: [String] = []
        for name in FileTree.entries(of: root) where !name.hasPrefix(".") {
            let path = root + "/" + name
            if FileTree.isDirectory(path) && FileSignature.of(path) != nil {
                out.append(path)
                out.append(contentsOf: folders(under: path))
            }
        }
        return out
    }
}
