import ArgumentParser
import RapportCore

/// `rapport new <kind> "<title>"`: writes a note with the right file name and front matter.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a new note with the right file name and front matter; never overwrites.",
        discussion: """
            Meetings, wins, feedback and changes are named YYYY-MM-DD-title.md after --date; \
            a QBR is named after the quarter that contains --date (or a title like 2026-Q4); \
            the other kinds after the title. The front matter lists every key of the kind with \
            valid defaults, so the note builds as written.
            """)

    @Argument(help: "The kind of note: meeting, kpi, win, feedback, expectation, change, qbr or page.")
    var kind: String

    @Argument(help: "The note's title.")
    var title: String

    @Option(help: "The note's date (YYYY-MM-DD). Default: the as-of date (SOURCE_DATE_EPOCH, else today).")
    var date: String?

    @Option(help: "The content folder.")
    var content = "content"

    /// The kind named on the command line: `meeting` or its folder, `meetings`.
    var noteKind: NoteKind? {
        let name = kind.lowercased()
        return NoteKind(rawValue: name) ?? NoteKind(folder: name)
    }

    func validate() throws {
        if noteKind == nil {
            let kinds = NoteKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown kind '\(kind)': expected one of \(kinds)")
        }
        if title.allSatisfy(\.isWhitespace) { throw ValidationError("the title is empty") }
        if let date, Day(date) == nil { throw ValidationError("--date must be a date written YYYY-MM-DD, not '\(date)'") }
    }

    func run() throws {
        guard let noteKind else { return }
        let day: Day
        if let date, let parsed = Day(date) {
            day = parsed
        } else {
            // The same day `build` would use: SOURCE_DATE_EPOCH, else today (UTC).
            day = try ContentOptions.parse([]).resolveAsOf()
        }
        let note = NewNote(kind: noteKind, title: title, date: day, calendar: NewNote.calendar(contentRoot: content))
        do {
            let path = try note.write(into: content)
            print("Wrote \(path)")
        } catch {
            var stream = StandardError()
            print("error: \(error)", to: &stream)
            throw ExitCode.failure
        }
    }
}
