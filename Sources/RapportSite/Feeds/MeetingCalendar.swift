import RapportCore

/// `calendar.ics`: every meeting as an all-day event (RFC 5545), for Outlook, Google
/// Calendar and Apple Calendar to import or subscribe to.
///
/// Notes carry dates, not times, so events are all-day (`DTSTART;VALUE=DATE`, with the
/// exclusive `DTEND` on the next day) and marked free. Each UID is the meeting's id at the
/// portal's host, so a re-import updates events instead of duplicating them. `DTSTAMP` is
/// the as-of date at midnight UTC: the build never reads the clock. Lines end in CRLF
/// and are folded at 75 octets.
enum MeetingCalendar {
    /// The file's content. Without a fragment cache (a full build), in one run of bytes: each
    /// event is written after the last, and no string is made of it (making one checks its
    /// bytes again, a tenth of the calendar's time). With one, in parts (see `render`).
    static func file(model: SiteModel, baseURL: String, fragments: FragmentCache?) -> PageText {
        guard fragments == nil else { return .parts(render(model: model, baseURL: baseURL, fragments: fragments)) }
        let (head, meetings, host, stamp, tail) = layout(model: model, baseURL: baseURL)
        var out: [UInt8] = []
        out.reserveCapacity(meetings.count * 1_200 + 512)
        out.append(contentsOf: head.utf8)
        for index in meetings.indices {
            appendEvent(meetings[index], model: model, baseURL: baseURL, host: host, stamp: stamp, to: &out)
        }
        out.append(contentsOf: tail.utf8)
        return .bytes(out)
    }

    /// The file in parts: its header, each meeting's event (taken from `fragments` when a
    /// build session kept it from an earlier rebuild), its last line.
    static func render(model: SiteModel, baseURL: String, fragments: FragmentCache? = nil) -> [String] {
        let (head, meetings, host, stamp, tail) = layout(model: model, baseURL: baseURL)
        var parts = [head]
        parts += fragments.pieces(.calendarEvent, of: meetings.indices.map { meetings[$0].ref }) { index in
            var out: [UInt8] = []
            appendEvent(meetings[index], model: model, baseURL: baseURL, host: host, stamp: stamp, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        parts.append(tail)
        return parts
    }

    /// The file's first lines, its meetings in order, what every event shares, its last line.
    private static func layout(model: SiteModel, baseURL: String) -> (head: String, meetings: [Note], host: String, stamp: String, tail: String) {
        let config = model.config
        let host = host(of: baseURL) ?? "rapport"
        let stamp = "\(compact(model.analysis.asOf))T000000Z"
        func lines(_ lines: [String]) -> String {
            var out: [UInt8] = []
            for line in lines {
                fold(Array(line.utf8), into: &out)
                out += [0x0D, 0x0A]
            }
            return String(decoding: out, as: UTF8.self)
        }
        let head = lines([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport//Partnership portal//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + text(config.title),
            "X-WR-CALDESC:" + text("Meetings of \(config.client.name) and \(config.provider.name)"),
        ])
        // By date, then id. The portal lists meetings by id, and ids usually start with the
        // date: most portals need no sort at all. (Notes are looked at by index: copying each
        // would cost more than the rest.)
        var meetings = model.portal.notes(of: .meeting)
        if !meetings.indices.dropFirst().allSatisfy({ meetings[$0 - 1].date! <= meetings[$0].date! }) {
            meetings.sort { ($0.date!, $0.id) < ($1.date!, $1.id) }
        }
        return (head, meetings, host, stamp, lines(["END:VCALENDAR"]))
    }

    /// Appends one meeting's event, its lines folded and ended with CR LF.
    private static func appendEvent(_ note: Note, model: SiteModel, baseURL: String, host: String, stamp: String, to out: inout [UInt8]) {
        guard case .meeting(let details) = note.details, let date = note.date else { return }
        var description: [UInt8] = []
        description.reserveCapacity(1024)
        // Paragraphs are escaped one by one, with the blank line between them escaped too.
        func paragraph(_ text: String) {
            if !description.isEmpty { description.append(contentsOf: "\\n\\n".utf8) }
            escape(text, into: &description)
        }
        if !details.attendees.isEmpty {
            paragraph("Attendees: " + details.attendees.map { model.people[$0]?.name ?? "@" + $0 }.joined(separator: ", "))
        }
        let decisions = model.decisionCount(of: note)
        let actions = model.actionCount(of: note)
        if decisions > 0 || actions > 0 { paragraph("Decisions: \(decisions). Actions: \(actions).") }
        let excerpt = Excerpt.summary(html: note.body.html, plain: note.body.plainText, limit: 500)
        if !excerpt.isEmpty { paragraph(excerpt) }
        let url = baseURL.isEmpty ? "" : baseURL + Routes.note(note.ref)
        if !url.isEmpty { paragraph(url) }

        // Each content line: its name, then its value, escaped or not, folded, CR LF.
        func line(_ name: StaticString, _ value: some Collection<UInt8>) {
            let nameBytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            // A line that needs no folding goes straight into the event.
            if nameBytes.count + value.count <= 75 {
                out.append(contentsOf: nameBytes)
                out.append(contentsOf: value)
            } else {
                var bytes = [UInt8](nameBytes)
                bytes.append(contentsOf: value)
                fold(bytes, into: &out)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
        func line(_ name: StaticString, text value: String) {
            var escaped: [UInt8] = []
            escape(value, into: &escaped)
            line(name, escaped)
        }
        line("BEGIN:VEVENT", [])
        line("UID:", text: "\(note.id)@\(host)")
        line("DTSTAMP:", stamp.utf8)
        line("DTSTART;VALUE=DATE:", compactBytes(date))
        line("DTEND;VALUE=DATE:", compactBytes(date.adding(days: 1)))
        line("SUMMARY:", text: note.title)
        if !description.isEmpty { line("DESCRIPTION:", description) }
        if let kind = details.meetingKind { line("CATEGORIES:", text: Format.meetingKind(kind)) }
        if !url.isEmpty { line("URL:", url.utf8) }
        line("TRANSP:TRANSPARENT", [])
        line("END:VEVENT", [])
    }

    /// `20260408`.
    static func compact(_ day: Day) -> String { String(decoding: compactBytes(day), as: UTF8.self) }

    private static func compactBytes(_ day: Day) -> [UInt8] { day.description.utf8.filter { $0 != UInt8(ascii: "-") } }

    /// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and new line escaped;
    /// other control characters dropped. Some calendar apps show descriptions as HTML, so a
    /// `<` that would open a tag (`<script`, `</b`, `<!--`) becomes `‹`; `a < b` stays.
    static func text(_ value: String) -> String {
        var out: [UInt8] = []
        escape(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value` escaped as a TEXT value (see `text(_:)`). Works on UTF-8 bytes, a run
    /// of unchanged bytes at a time: it runs over every meeting of large portals. Only ASCII
    /// bytes are changed, so multi-byte characters pass through whole.
    static func escape(_ value: String, into out: inout [UInt8]) {
        keptBytes.withUnsafeBufferPointer { kept in
            var value = value
            value.withUTF8 { bytes in
                out.reserveCapacity(out.count + bytes.count + 16)
                var runStart = 0
                var index = 0
                while index < bytes.count {
                    // Eight bytes at once while none needs escaping (most of a description).
                    if bytes.count &- index >= 8 {
                        let chunk = ByteChunks.load(bytes.baseAddress!, index)
                        let marked =
                            ByteChunks.below(chunk, 0x20) | ByteChunks.equal(chunk, 0x7F) | ByteChunks.equal(chunk, 0x5C)
                            | ByteChunks.equal(chunk, 0x3B) | ByteChunks.equal(chunk, 0x2C) | ByteChunks.equal(chunk, 0x3C)
                        if marked == 0 {
                            index &+= 8
                            continue
                        }
                    }
                    let byte = bytes[index]
                    if kept[Int(byte)] {
                        index += 1
                        continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    switch byte {
                    case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                        out.append(UInt8(ascii: "\\"))
                        out.append(byte)
                    case 0x0A:
                        out.append(UInt8(ascii: "\\"))
                        out.append(UInt8(ascii: "n"))
                    case 0x09:
                        out.append(0x20)
                    case UInt8(ascii: "<"):
                        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                        let opensTag =
                            (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A)
                            || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
                        // U+2039 SINGLE LEFT-POINTING ANGLE QUOTATION MARK, in UTF-8.
                        if opensTag { out += [0xE2, 0x80, 0xB9] } else { out.append(byte) }
                    default:
                        break  // another control character: dropped
                    }
                    index += 1
                    runStart = index
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
    }

    /// The bytes a TEXT value keeps as they are: all but control characters, DEL, `\`,
    /// `;`, `,` and `<`.
    private static let keptBytes: [Bool] = (0...255).map { byte in
        byte >= 0x20 && byte != 0x7F && ![0x5C, 0x3B, 0x2C, 0x3C].contains(byte)
    }

    /// Folds a content line (RFC 5545 3.1): no line longer than 75 octets, each
    /// continuation starting with one space, never splitting a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out: [UInt8] = []
        fold(Array(line.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `line` folded (see `fold(_:)`).
    static func fold(_ line: [UInt8], into out: inout [UInt8]) {
        line.withUnsafeBufferPointer { bytes in
            var start = 0
            var limit = 75
            while start < bytes.count {
                var end = min(start + limit, bytes.count)
                // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
                while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
                if start > 0 {
                    out.append(0x0D)
                    out.append(0x0A)
                    out.append(0x20)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
                limit = 74  // the leading space of a continuation line counts
            }
        }
    }

    /// The host of `https://host:port/path`, without user or port; nil for no URL.
    static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        var rest = url[scheme.upperBound...]
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") { rest = rest[..<colon] }
        return rest.isEmpty ? nil : rest.lowercased()
    }
}
