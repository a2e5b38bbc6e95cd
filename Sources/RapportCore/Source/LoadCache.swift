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
        return FileSignature(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = Int64(info.st_mtim.tv_sec)
        nanoseconds = Int64(info.st_mtim.tv_nsec)
    }
}

/// The cache of a long-lived build session (`rapport serve`): everything the last load
/// read and made, kept whole. The next load compares each file's signature with the one
/// kept at the same place in the listing, reads and parses only the files that changed,
/// and keeps the assembled portal and the sorted diagnostics when nothing they depend on
/// changed. Links, people and the fiscal calendar feed every note's parse, so when any of
/// them changes every body is parsed again.
public final class LoadCache: Sendable {
    /// One note file as the last load left it.
    struct NoteFile: Sendable {
        /// Nil when the file could not be stat'ed (or there was no cache): never reused.
        var signature: FileSignature?
        var header: NoteHeader?
        var headerDiagnostics: [Diagnostic]
        /// The second pass, for an included note whose header was read.
        var parsed: ParsedNote?
    }

    /// A class, so that looking at the key of thousands of them copies no note.
    final class ParsedNote: Sendable {
        /// Nil when the parse cannot be reused.
        let key: NoteKey?
        let note: Note?
        let diagnostics: [Diagnostic]

        init(key: NoteKey?, note: Note?, diagnostics: [Diagnostic]) {
            self.key = key
            self.note = note
            self.diagnostics = diagnostics
        }
    }

    /// Everything a note's parse depends on besides its own file.
    struct NoteKey: Sendable, Equatable {
        let signature: FileSignature
        let csvSignature: FileSignature?
        let environment: Int
    }

    /// The headers put together: which are kept, which notes exist for links, and the
    /// diagnostics that depend on the set of notes rather than on one note.
    struct Assembly: Sendable {
        /// Indexes in `files` of the headers kept (the first note of each id), in file order.
        var kept: [Int]
        /// Indexes in `files` of the kept headers this build includes.
        var included: [Int]
        /// The CSV beside each included KPI note (which may not exist), by index in `files`.
        var kpiCSVs: [Int: String]
        /// Every kept note by its content-relative path, with whether this build includes it.
        var notesByPath: [String: (ref: NoteRef, included: Bool)]
        /// Errors of notes whose id another note already has.
        var duplicates: [Diagnostic]
        /// Warnings of CSV files with no KPI note beside them.
        var orphans: [Diagnostic]
    }

    /// What one load read and made.
    struct Snapshot: Sendable {
        var options: LoadOptions
        /// The content folder, and how diagnostics name it.
        var root: String
        var displayRoot: String
        /// The folders the listing was made from.
        var scan: ScanMemo
        var listing: ContentListing
        /// One per note of `listing`, in its order.
        var files: [NoteFile]
        var configSignature: FileSignature?
        var config: PortalConfig?
        var configDiagnostics: [Diagnostic]
        var assembly: Assembly
        /// Fingerprint of what every parse depends on besides its own file (see `NoteKey`).
        var environment: Int
        /// Nil when the load stopped before parsing (no usable `portal.yaml`).
        var portal: Portal?
        var references: [Diagnostic]
        /// Every diagnostic, sorted, as the load returned them.
        var diagnostics: [Diagnostic]
    }

    private struct State {
        var snapshot: Snapshot? = nil
        var reparsed: Set<NoteRef> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The last load's snapshot, taken out of the cache so that the load can change its
    /// arrays in place (a copy left behind would make every change copy them whole).
    func takeSnapshot() -> Snapshot? {
        state.withLock { state in
            defer { state.snapshot = nil }
            return state.snapshot
        }
    }

    func keep(_ snapshot: Snapshot, reparsed: [NoteRef]) {
        state.withLock { state in
            state.snapshot = snapshot
            state.reparsed.formUnion(reparsed)
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
