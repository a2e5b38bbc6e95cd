/// Which notes a build includes.
public struct LoadOptions: Sendable, Equatable {
    /// Include `visibility: internal` notes (an internal build).
    public var includeInternal: Bool
    /// Include `draft: true` notes.
    public var includeDrafts: Bool

    public init(includeInternal: Bool = false, includeDrafts: Bool = false) {
        self.includeInternal = includeInternal
        self.includeDrafts = includeDrafts
    }
}

/// The whole content folder, typed: the portal's configuration and every note the build
/// includes. A shared build's portal holds nothing of internal or draft notes.
public struct Portal: Sendable {
    public let config: PortalConfig
    /// Included notes, sorted by kind then id.
    public private(set) var notes: [Note]
    private let index: [NoteRef: Int]
    private var byKind: [NoteKind: [Note]]

    public init(config: PortalConfig, notes: [Note]) {
        self.config = config
        // By kind in one pass, then by id within each kind: a content folder lists most
        // notes of a kind in id order already, and those need no sorting.
        var groups = [[Note]](repeating: [], count: NoteKind.allCases.count)
        for note in notes { groups[note.kind.rank].append(note) }
        for rank in groups.indices where !Self.inIDOrder(groups[rank]) {
            groups[rank].sort { $0.id < $1.id }
        }
        self.notes = Array(groups.joined())
        var index: [NoteRef: Int] = [:]
        index.reserveCapacity(notes.count)
        for (position, note) in self.notes.enumerated() { index[note.ref] = position }
        self.index = index
        var byKind: [NoteKind: [Note]] = [:]
        for kind in NoteKind.allCases where !groups[kind.rank].isEmpty { byKind[kind] = groups[kind.rank] }
        self.byKind = byKind
    }

    /// Whether `notes` are in id order (ids of one kind are unique: no ties to keep).
    private static func inIDOrder(_ notes: [Note]) -> Bool {
        notes.indices.dropFirst().allSatisfy { !(notes[$0].id < notes[$0 - 1].id) }
    }

    public func note(_ ref: NoteRef) -> Note? { index[ref].map { notes[$0] } }

    /// Puts each of `replacements` in place of the note with its ref, which the portal must
    /// hold: a rebuild that changed notes but not which notes there are keeps the order and
    /// the index. In place when this portal's arrays are not shared.
    mutating func replace(_ replacements: [Note]) {
        for note in replacements {
            let position = index[note.ref]!
            notes[position] = note
            // Refs sort by kind first, so the notes of a kind sit together in note order.
            let first = index[byKind[note.kind]![0].ref]!
            byKind[note.kind]![position - first] = note
        }
    }

    /// The notes of one kind, in note order. Kept apart once at loading: pages ask for
    /// them thousands of times, and filtering copies every note.
    public func notes(of kind: NoteKind) -> [Note] { byKind[kind] ?? [] }
}

/// What loading a content folder gave: the portal when there were no errors, and every
/// diagnostic (sorted).
public struct LoadResult: Sendable {
    public let portal: Portal?
    public let diagnostics: [Diagnostic]
    /// Seconds per loading stage (scan, front matter, Markdown), for `--timings`.
    public var timings: [(stage: String, seconds: Double)] = []
}
