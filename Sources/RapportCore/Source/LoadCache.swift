import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What identifies one version of a file without reading it: device, inode, size and
/// modification time. Two reads of an unchanged file give the same signature.
public struct FileSignature: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let seconds: Int64
    let nanoseconds: Int64

    /// The signature of the file at `path`, nil when it cannot be stat'ed.
    public static func of(_ path: String) -> FileSignature? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileSignature(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
    }
}

/// Caches of a long-lived build session (`rapport serve`): each note's front matter and
/// parsed body, keyed by the file's signature, so a rebuild reads and parses only the
/// notes whose files changed. Links, people and the fiscal calendar feed every note's
/// parse, so when any of them changes every body is parsed again.
public final class LoadCache: Sendable {
    struct HeaderEntry: Sendable {
        let signature: FileSignature
        let header: NoteHeader?
        let diagnostics: [Diagnostic]
    }

    struct NoteEntry: Sendable {
        let key: NoteKey
        let note: Note?
        let diagnostics: [Diagnostic]
    }

    /// Everything a note's parse depends on besides its own file.
    struct NoteKey: Sendable, Equatable {
        let signature: FileSignature
        let csvSignature: FileSignature?
        let environment: Int
    }

    private struct State {
        var headers: [String: HeaderEntry] = [:]
        var notes: [String: NoteEntry] = [:]
        var reparsed: Set<NoteRef> = []
    }

    private let state = Mutex(State())

    public init() {}

    func header(_ path: String, signature: FileSignature) -> HeaderEntry? {
        state.withLock { state in
            guard let entry = state.headers[path], entry.signature == signature else { return nil }
            return entry
        }
    }

    func store(header entry: HeaderEntry, for path: String) {
        state.withLock { $0.headers[path] = entry }
    }

    func note(_ path: String, key: NoteKey) -> NoteEntry? {
        state.withLock { state in
            guard let entry = state.notes[path], entry.key == key else { return nil }
            return entry
        }
    }

    func store(note entry: NoteEntry, for path: String, ref: NoteRef) {
        state.withLock {
            $0.notes[path] = entry
            $0.reparsed.insert(ref)
        }
    }

    /// Forgets files that no longer exist.
    func retain(paths: Set<String>) {
        state.withLock { state in
            state.headers = state.headers.filter { paths.contains($0.key) }
            state.notes = state.notes.filter { paths.contains($0.key) }
        }
    }

    /// The notes parsed afresh since the last call (not taken from the cache).
    public func takeReparsed() -> Set<NoteRef> {
        state.withLock { state in
            defer { state.reparsed = [] }
            return state.reparsed
        }
    }
}
