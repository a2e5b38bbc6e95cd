import RapportCore

/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of meetings, wins and decisions, newest first,
/// so both teams can follow the partnership in a feed reader or a chat channel.
///
/// Atom needs absolute URLs and permanent ids, so the feed is written only when the portal
/// has a base URL. Entries dated after the as-of date are not news yet and are left out
/// (upcoming meetings are in the calendar). Dates carry no time of day in the content
/// model, so every timestamp is midnight UTC of the note's date.
enum AtomFeed {
    /// The most entries the feed holds; readers only look at the newest.
    static let entryLimit = 100

    struct Entry {
        let date: Day
        /// Orders entries of the same day: meetings, then their decisions, then wins.
        let rank: Int
        let id: String
        let title: String
        let link: String
        let category: (term: String, label: String)
        let summary: String
        let contentHTML: String?
    }

    /// An entry before its text is made: only the newest `entryLimit` are made.
    private enum Candidate {
        case note(Note, rank: Int, category: (term: String, label: String))
        case decision(Decision, meeting: Note, position: Int)
    }

    /// The feed in parts: its head, each entry, its end. A note's entry is taken from
    /// `fragments` when a build session kept it from an earlier rebuild.
    static func render(model: SiteModel, baseURL: String, fragments: FragmentCache? = nil) -> [String] {
        let asOf = model.analysis.asOf
        let meetings = model.portal.notes(of: .meeting)
        let wins = model.portal.notes(of: .win)
        // Every note is at least one entry, so notes older than the `entryLimit`-th newest
        // one cannot be in the feed: only the others become candidates.
        // (Notes are looked at by index: copying each would cost more than the rest.)
        var days: [Int] = []
        days.reserveCapacity(meetings.count + wins.count)
        for index in meetings.indices where meetings[index].date! <= asOf { days.append(meetings[index].date!.ordinal) }
        for index in wins.indices where wins[index].date! <= asOf { days.append(wins[index].date!.ordinal) }
        var oldest = Day(ordinal: days.min() ?? 0)
        if days.count > entryLimit {
            days.sort(by: >)
            oldest = Day(ordinal: days[entryLimit - 1])
        }
        var candidates: [(date: Day, rank: Int, candidate: Candidate)] = []
        for index in meetings.indices where meetings[index].date! <= asOf && meetings[index].date! >= oldest {
            let note = meetings[index]
            candidates.append((note.date!, 0, .note(note, rank: 0, category: ("meeting", "Meeting"))))
            for (index, decision) in model.decisions(of: note).enumerated() {
                candidates.append((decision.date, 1, .decision(decision, meeting: note, position: index + 1)))
            }
        }
        for index in wins.indices where wins[index].date! <= asOf && wins[index].date! >= oldest {
            candidates.append((wins[index].date!, 2, .note(wins[index], rank: 2, category: ("win", "Win"))))
        }
        // Newest day first; within a day by rank. The sort is stable, so entries of the same
        // day and rank keep the portal's order (meetings by id, decisions as written).
        candidates.sort { ($1.date, $0.rank) < ($0.date, $1.rank) }
        let newest = candidates.prefix(entryLimit)

        var notes: [(index: Int, note: Note, rank: Int, category: (term: String, label: String))] = []
        for (index, item) in newest.enumerated() {
            if case .note(let note, let rank, let category) = item.candidate { notes.append((index, note, rank, category)) }
        }
        let noteEntries = fragments.pieces(.feedEntry, of: notes.map(\.note.ref)) { index in
            let (_, note, rank, category) = notes[index]
            return text(of: noteEntry(note, rank: rank, category: category, baseURL: baseURL))
        }
        var entries = [String](repeating: "", count: newest.count)
        for (position, note) in notes.enumerated() { entries[note.index] = noteEntries[position] }
        for (index, item) in newest.enumerated() {
            guard case .decision(let decision, let meeting, let position) = item.candidate else { continue }
            let link = baseURL + Routes.note(meeting.ref) + "#decision-\(position)"
            entries[index] = text(
                of: Entry(
                    date: decision.date, rank: 1, id: link, title: "Decision: " + decision.text, link: link,
                    category: ("decision", "Decision"),
                    summary: "\(decision.text) (\(decision.meetingTitle), \(Format.longDate(decision.date)))",
                    contentHTML: nil))
        }

        let config = model.config
        let updated = newest.first?.date ?? asOf
        var head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        head += "  <id>\(XMLText.escape(baseURL))</id>\n"
        head += "  <title>\(XMLText.escape(config.title))</title>\n"
        head += "  <subtitle>\(XMLText.escape("Meetings, decisions and wins of \(config.client.name) and \(config.provider.name)"))</subtitle>\n"
        head += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(baseURL + Routes.feed))\"/>\n"
        head += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(baseURL))\"/>\n"
        head += "  <updated>\(timestamp(updated))</updated>\n"
        head += "  <author><name>\(XMLText.escape("\(config.client.short) and \(config.provider.short)"))</name></author>\n"
        head += "  <generator>Rapport</generator>\n"
        return [head] + entries + ["</feed>\n"]
    }

    /// One entry's element, ending in a line end.
    private static func text(of entry: Entry) -> String {
        var out = "  <entry>\n"
        out += "    <id>\(XMLText.escape(entry.id))</id>\n"
        out += "    <title>\(XMLText.escape(entry.title))</title>\n"
        out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(entry.link))\"/>\n"
        out += "    <published>\(timestamp(entry.date))</published>\n"
        out += "    <updated>\(timestamp(entry.date))</updated>\n"
        out += "    <category term=\"\(entry.category.term)\" label=\"\(entry.category.label)\"/>\n"
        out += "    <summary>\(XMLText.escape(entry.summary))</summary>\n"
        if let html = entry.contentHTML {
            out += "    <content type=\"html\" xml:base=\"\(XMLText.escape(entry.link))\">\(XMLText.escape(html))</content>\n"
        }
        out += "  </entry>\n"
        return out
    }

    private static func noteEntry(
        _ note: Note, rank: Int, category: (term: String, label: String), baseURL: String
    ) -> Entry {
        let page = baseURL + Routes.note(note.ref)
        return Entry(
            date: note.date!, rank: rank, id: page, title: note.title, link: page, category: category,
            summary: Excerpt.summary(html: note.body.html, plain: note.body.plainText, limit: 300), contentHTML: note.body.html(root: baseURL))
    }

    /// RFC 3339 at midnight UTC of `day`.
    static func timestamp(_ day: Day) -> String { "\(day)T00:00:00Z" }
}

/// Text for XML: the five markup characters escaped and the control characters XML 1.0
/// forbids dropped (a stray one would make the whole feed unreadable).
enum XMLText {
    static func escape(_ text: String) -> String {
        var copy = text
        // Most text (a link, a title) has nothing to escape.
        if copy.withUTF8({ !$0.contains(where: needsWork) }) { return text }
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` escaped (see `escape(_:)`).
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { escape($0, into: &out) }
    }

    /// The markup characters, the controls, and 0xEF, which leads U+FFFE and U+FFFF.
    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: return true
        default: return false
        }
    }

    /// Works on UTF-8 bytes: only ASCII bytes and the two non-characters change, so other
    /// multi-byte characters pass through whole.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count + 16)
        var runStart = 0
        var index = 0
        func replace(_ replacement: StaticString, length: Int = 1) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += length
            runStart = index
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard needsWork(byte) else {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): replace("&amp;")
            case UInt8(ascii: "<"): replace("&lt;")
            case UInt8(ascii: ">"): replace("&gt;")
            case UInt8(ascii: "\""): replace("&quot;")
            case UInt8(ascii: "'"): replace("&apos;")
            case 0x09, 0x0A, 0x0D: index += 1
            case 0..<0x20: replace("")
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                replace("", length: 3)
            default: index += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
}
