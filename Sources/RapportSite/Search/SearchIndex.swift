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

    static func entries(model: SiteModel, qbrQuarters: [Quarter]) -> [Entry] {
        var entries: [Entry] = []
        for note in model.portal.notes where note.kind != .qbr {
            entries.append(
                Entry(
                    kind: note.kind.rawValue, title: note.title, url: Routes.note(note.ref),
                    date: note.date?.description, tags: note.tags, text: text(note.body.plainText)))
        }
        for quarter in qbrQuarters {
            let narrative = model.portal.note(NoteRef(kind: .qbr, id: quarter.description))
            entries.append(
                Entry(
                    kind: "qbr", title: "Quarterly business review \(quarter)", url: Routes.qbr(quarter.description),
                    date: nil, tags: narrative?.tags ?? [], text: text(narrative?.body.plainText ?? "")))
        }
        for person in model.config.people {
            let team = person.team == "client" ? model.config.client.name : model.config.provider.name
            entries.append(
                Entry(
                    kind: "person", title: person.name, url: Routes.person(person.handle), date: nil, tags: [],
                    text: "@\(person.handle) \(person.role) \(team)"))
        }
        return entries
    }

    /// `{"groups": [...], "pages": [...]}`, one page per line.
    static func json(_ entries: [Entry]) -> String {
        let groups = SearchIndex.groups.map { JSONWriter.object([("kind", .string($0.kind)), ("title", .string($0.title))]) }
        let pages = entries.map { entry in
            JSONWriter.object([
                ("kind", .string(entry.kind)), ("title", .string(entry.title)), ("url", .string(entry.url)),
                ("date", .string(entry.date)),
                ("tags", .raw(JSONWriter.inlineArray(entry.tags.map(JSONWriter.string)))),
                ("text", .string(entry.text)),
            ])
        }
        return "{\n\"groups\": " + JSONWriter.inlineArray(groups) + ",\n\"pages\": "
            + JSONWriter.array(pages) + "\n}\n"
    }

    /// The same data for a `<script>` tag. JSONWriter escapes `<`, `>`, `&`, U+2028 and
    /// U+2029, so the JSON is safe inside a script.
    static func script(json: String) -> String {
        "window.RAPPORT_SEARCH = " + json.dropLast() + ";\n"
    }

    static func text(_ plain: String) -> String {
        let collapsed = Excerpt.collapse(plain)
        guard collapsed.utf8.count > textLimit else { return collapsed }
        return Excerpt.make(collapsed, limit: textLimit)
    }
}
