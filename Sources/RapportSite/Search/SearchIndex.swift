import RapportCore

/// The search index: one entry per page worth finding (every note, every quarter's review
/// pack, every person), written at build time as `search/index.json` for tools and as
/// `search/index.js` for the search page. The script form assigns the same data to a
/// global, because a page opened from `file://` may not fetch JSON beside it.
///
/// A shared build's index holds only what its pages hold: internal and draft notes are
/// not in the portal it is made from.
enum SearchIndex {
    /// The most characters of a page's text the index keeps; longer notes are found by
    /// their title, tags and opening.
    static let textLimit = 5_000

    /// Kinds in the order the search page shows their groups.
    static let groups: [(kind: String, title: String)] = [
        ("kpi", "KPIs"), ("meeting", "Meetings"), ("win", "Wins"), ("feedback", "Feedback"),
        ("expectation", "Expectations"), ("change", "Changes"), ("qbr", "Quarterly reviews"),
        ("page", "Pages"), ("person", "People"),
    ]

    struct Entry {
        let kind: String
        let title: String
        let url: String
        let date: String?
        let tags: [String]
        let text: String
    }

    /// The entry of a note's page.
    static func entry(_ note: Note) -> Entry {
        Entry(
            kind: note.kind.rawValue, title: note.title, url: Routes.note(note.ref), date: note.date?.description,
            tags: note.tags, text: text(note.body.plainText))
    }

    /// The entry of a quarter's review pack, which shows the quarter's narrative if any.
    static func reviewEntry(_ quarter: Quarter, narrative: Note?) -> Entry {
        Entry(
            kind: "qbr", title: "Quarterly business review \(quarter)", url: Routes.qbr(quarter.description),
            date: nil, tags: narrative?.tags ?? [], text: text(narrative?.body.plainText ?? ""))
    }

    /// The entries of people's pages, made from the configuration.
    static func personEntries(model: SiteModel) -> [Entry] {
        var entries: [Entry] = []
        for person in model.config.people {
            let team = person.team == "client" ? model.config.client.name : model.config.provider.name
            entries.append(
                Entry(
                    kind: "person", title: person.name, url: Routes.person(person.handle), date: nil, tags: [],
                    text: "@\(person.handle) \(person.role) \(team)"))
        }
        return entries
    }

    /// `{"groups": [...], "pages": [...]}`, one page per line, without the file's last line
    /// end, in parts written one after another: every note's page, then the review packs
    /// and people. A note's line is taken from `fragments` when a build session kept it
    /// from an earlier rebuild.
    ///
    /// `noteLines`, when given, are `noteLines(model.portal)`, made beforehand (a build makes
    /// them on the core the analysis leaves idle).
    static func json(model: SiteModel, qbrQuarters: [Quarter], fragments: FragmentCache? = nil, noteLines: [String]? = nil) -> [String] {
        var lines: [String]
        if let noteLines {
            lines = noteLines
        } else {
            let notes = model.portal.notes
            let pages = notes.indices.filter { notes[$0].kind != .qbr }
            lines = fragments.pieces(.searchEntry, of: pages.map { notes[$0].ref }) { separator + line(entry(notes[pages[$0]])) }
        }
        // A review pack's entry is kept under its narrative's name, whether or not there is one:
        // the session forgets it when a narrative is written, changed or removed.
        let narratives = qbrQuarters.map { NoteRef(kind: .qbr, id: $0.description) }
        lines += fragments.pieces(.reviewSearchEntry, of: narratives) { index in
            separator + line(reviewEntry(qbrQuarters[index], narrative: model.portal.note(narratives[index])))
        }
        lines += personEntries(model: model).map { separator + line($0) }
        let groups = SearchIndex.groups.map { JSONWriter.object([("kind", .string($0.kind)), ("title", .string($0.title))]) }
        let head = "{\n\"groups\": \(JSONWriter.inlineArray(groups)),\n\"pages\": "
        guard let first = lines.first else { return [head + "[]\n}"] }
        var parts = [head + "[\n  " + String(decoding: first.utf8.dropFirst(separator.utf8.count), as: UTF8.self)]
        parts.reserveCapacity(lines.count + 1)
        parts += lines.dropFirst()
        parts.append("\n]\n}")
        return parts
    }

    /// Each line comes with the separator before it: half as many parts to write.
    private static let separator = ",\n  "

    /// The lines of every note's page (all but quarter narratives, which their pack's
    /// entry shows), in portal order: most of the index, made from the portal alone.
    static func noteLines(_ portal: Portal) -> [String] {
        portal.notes.compactMap { $0.kind == .qbr ? nil : separator + line(entry($0)) }
    }

    /// One entry as a JSON object on one line.
    static func line(_ entry: Entry) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(entry.text.utf8.count + entry.title.utf8.count + 128)
        func key(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        key("{\"kind\": ")
        JSONWriter.append(entry.kind, to: &out)
        key(", \"title\": ")
        JSONWriter.append(entry.title, to: &out)
        key(", \"url\": ")
        JSONWriter.append(entry.url, to: &out)
        key(", \"date\": ")
        if let date = entry.date { JSONWriter.append(date, to: &out) } else { key("null") }
        key(", \"tags\": [")
        for (index, tag) in entry.tags.enumerated() {
            if index > 0 { key(", ") }
            JSONWriter.append(tag, to: &out)
        }
        key("], \"text\": ")
        JSONWriter.append(entry.text, to: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The same data for a `<script>` tag, in parts around the JSON's. JSONWriter escapes
    /// `<`, `>`, `&`, U+2028 and U+2029, so the JSON is safe inside a script.
    static func script(json: [String]) -> [String] {
        ["window.RAPPORT_SEARCH = "] + json + [";\n"]
    }

    static func text(_ plain: String) -> String {
        let collapsed = Excerpt.collapse(plain)
        guard collapsed.utf8.count > textLimit else { return collapsed }
        return Excerpt.make(collapsed, limit: textLimit)
    }
}
