#if canImport(Glibc)
    import Glibc
#endif

/// A new note as `rapport new` writes it: the file name the content model expects and
/// front matter with every key of its kind, filled with valid defaults so the note
/// builds as soon as it is written.
public struct NewNote: Sendable, Equatable {
    public let kind: NoteKind
    /// The path inside the content folder, e.g. `meetings/2026-11-20-weekly-check-in.md`.
    public let path: String
    /// The whole file: front matter and a body outline.
    public let text: String

    /// Plans a note of `kind` titled `title`. Dated kinds (meetings, wins, feedback,
    /// changes) are named `YYYY-MM-DD-slug.md`; a QBR is named after the quarter that
    /// contains `date` (or the quarter written as the title, like `2026-Q3`); the rest
    /// are named after the title alone.
    public init(kind: NoteKind, title: String, date: Day, calendar: FiscalCalendar = FiscalCalendar()) {
        self.kind = kind
        let title = title.trimmingSpaces
        let slug = Slug.make(title)
        switch kind {
        case .meeting, .win, .feedback, .change:
            path = "\(kind.folder)/\(date)-\(slug).md"
        case .qbr:
            let quarter = Quarter(title) ?? calendar.quarter(containing: date)
            path = "qbr/\(quarter).md"
        case .kpi, .expectation, .page:
            // `index.md` is refused (its page would be the kind's list): name it for its kind.
            path = "\(kind.folder)/\(slug == "index" ? "\(kind.rawValue)-index" : slug).md"
        }
        var lines = ["---", "title: \(NewNote.quoted(title))"]
        switch kind {
        case .meeting, .win, .feedback, .change: lines.append("date: \(date)")
        default: break
        }
        lines += NewNote.kindKeys(kind, date: date)
        lines += ["tags: []", "---", ""]
        text = lines.joined(separator: "\n") + NewNote.outline(kind)
    }

    /// The fiscal calendar of the portal in `contentRoot`, which names QBR notes; the
    /// calendar year when `portal.yaml` is missing or unreadable (a build reports why).
    public static func calendar(contentRoot: String) -> FiscalCalendar {
        let path = ContentScanner.join(contentRoot, "portal.yaml")
        guard let bytes = ContentScanner.read(path) else { return FiscalCalendar() }
        var log = DiagnosticLog()
        return PortalConfig.parse(bytes, path: path, log: &log)?.calendar ?? FiscalCalendar()
    }

    /// The keys a kind adds, with the allowed values named in a comment.
    static func kindKeys(_ kind: NoteKind, date: Day) -> [String] {
        switch kind {
        case .meeting:
            return ["kind: check-in        # check-in | qbr | steering | workshop | escalation | social",
                    "attendees: []         # handles from portal.yaml, e.g. [ana, raj]"]
        case .kpi:
            return ["unit: \"%\"", "direction: higher     # higher | lower (is better)",
                    "# target: 85", "# warning: 80", "frequency: monthly    # weekly | monthly | quarterly",
                    "aggregate: mean       # mean | sum | last | min | max",
                    "owner: provider       # client | provider", "measurements: {}     # e.g. 2026-01: 82.5"]
        case .win:
            return ["team: both            # client | provider | both", "# kpi: first-contact-resolution"]
        case .feedback:
            return ["from: client          # client | provider", "sentiment: constructive  # positive | constructive",
                    "status: open          # open | acknowledged | addressed", "# response: How we answered it."]
        case .expectation:
            return ["owner: provider       # client | provider", "due: \(date.adding(days: 30))",
                    "# cadence: monthly", "status: on-track      # on-track | at-risk | missed | met"]
        case .change:
            return ["status: proposed      # proposed | approved | in-progress | done | rejected",
                    "# requested_by: \"@ana\"", "impact: medium"]
        case .qbr, .page:
            return []
        }
    }

    /// Headings that follow the conventions the analysis reads.
    static func outline(_ kind: NoteKind) -> String {
        switch kind {
        case .meeting:
            return """

                ## Notes

                ## Decisions

                ## Action items

                Write each action as a task with its owner and due date, like
                `- [ ] @handle What needs doing (due YYYY-MM-DD)`.

                """
        case .kpi: return "\n## Definition\n\n## How it is measured\n"
        case .win: return "\n## What happened\n\n## Why it matters\n\n## Thanks to\n"
        case .feedback: return "\n## What we heard\n\n## What we are asking for\n"
        case .expectation: return "\n## What was agreed\n\n## How we measure it\n"
        case .change: return "\n## Summary\n\n## Motivation\n\n## Impact\n\n## Rollout plan\n"
        case .qbr: return "\n## Highlights\n\n## Priorities for next quarter\n"
        case .page: return "\n"
        }
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Why a note cannot be written.
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists: choose another title or date, or edit that note"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes the note under `contentRoot`, creating its folder. Never replaces a file:
    /// the file is created exclusively, so a note written meanwhile is not overwritten.
    /// Returns the path written.
    @discardableResult
    public func write(into contentRoot: String) throws(WriteError) -> String {
        let full = ContentScanner.join(contentRoot, path)
        let folder = ContentScanner.join(contentRoot, kind.folder)
        var info = stat()
        guard stat(contentRoot, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(full, "there is no content folder \(contentRoot)")
        }
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw .cannotWrite(full, String(cString: strerror(errno)))
        }
        let fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw .exists(full) }
            throw .cannotWrite(full, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + done, bytes.count - done)
            }
            guard count > 0 else { throw .cannotWrite(full, String(cString: strerror(errno))) }
            done += count
        }
        return full
    }
}
