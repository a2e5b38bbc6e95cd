/// The kinds of note the content model knows. The folder a note lives in gives its kind;
/// a `type:` key in front matter overrides it.
public enum NoteKind: String, Sendable, CaseIterable, Comparable {
    case meeting, kpi, win, feedback, expectation, change, qbr, page

    /// The content folder of the kind, which is also the folder of its pages.
    public var folder: String {
        switch self {
        case .meeting: return "meetings"
        case .kpi: return "kpis"
        case .win: return "wins"
        case .feedback: return "feedback"
        case .expectation: return "expectations"
        case .change: return "changes"
        case .qbr: return "qbr"
        case .page: return "pages"
        }
    }

    /// The kind whose folder is `folder`.
    public init?(folder: String) {
        guard let kind = NoteKind.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    /// A heading for lists of notes of this kind.
    public var pluralTitle: String {
        switch self {
        case .meeting: return "Meetings"
        case .kpi: return "KPIs"
        case .win: return "Wins"
        case .feedback: return "Feedback"
        case .expectation: return "Expectations"
        case .change: return "Changes"
        case .qbr: return "Quarterly reviews"
        case .page: return "Pages"
        }
    }

    public var singularTitle: String {
        switch self {
        case .meeting: return "Meeting"
        case .kpi: return "KPI"
        case .win: return "Win"
        case .feedback: return "Feedback"
        case .expectation: return "Expectation"
        case .change: return "Change"
        case .qbr: return "Quarterly review"
        case .page: return "Page"
        }
    }

    /// Kinds whose notes must carry a `date`.
    public var requiresDate: Bool { [.meeting, .win, .feedback, .change].contains(self) }

    /// The kind's place in `allCases`, the order kinds sort in.
    var rank: Int {
        switch self {
        case .meeting: return 0
        case .kpi: return 1
        case .win: return 2
        case .feedback: return 3
        case .expectation: return 4
        case .change: return 5
        case .qbr: return 6
        case .page: return 7
        }
    }

    public static func < (lhs: NoteKind, rhs: NoteKind) -> Bool { lhs.rank < rhs.rank }
}

/// A note's identity: its kind and its file name without extension.
public struct NoteRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: NoteKind
    public let id: String
    /// A hash of the kind and id, made once (FNV-1a over the id's bytes): notes are looked up by
    /// reference hundreds of thousands of times a build, and `Hasher` went over the id's
    /// forty-odd bytes each time.
    private let code: UInt64

    public init(kind: NoteKind, id: String) {
        self.kind = kind
        self.id = id
        var text = id
        code = text.withUTF8 { bytes in
            var code: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(kind.rank)
            for byte in bytes { code = (code ^ UInt64(byte)) &* 0x100_0000_01b3 }
            // Mixed, so that the low bits a hash table uses depend on all of the bits.
            code = (code ^ (code >> 32)) &* 0xd6e8_feb8_6659_fd93
            return code ^ (code >> 32)
        }
    }

    public var description: String { "\(kind.folder)/\(id)" }

    public static func == (lhs: NoteRef, rhs: NoteRef) -> Bool { lhs.code == rhs.code && lhs.kind == rhs.kind && lhs.id == rhs.id }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// What `Dictionary` and `Set` use in place of `hash(into:)`: the stored hash mixed with
    /// the table's seed. Equal references have equal codes, so this agrees with `==`.
    public func _rawHashValue(seed: Int) -> Int { Int(truncatingIfNeeded: code) ^ seed }

    public static func < (lhs: NoteRef, rhs: NoteRef) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}

/// Who may see a note.
public enum Visibility: String, Sendable {
    case shared
    case `internal`
}
