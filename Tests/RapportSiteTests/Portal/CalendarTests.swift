import RapportCore
import Testing

@testable import RapportSite

@Suite struct CalendarTests {
    /// A meeting whose title and attendees make long lines with multi-byte characters.
    static let files = PortalFixture.files.merging([
        "meetings/2026-03-19-workshop.md": """
            ---
            title: "Atelier de résolution « premier contact » : scripts, macros, rappels; et suivi, à Lisbonne"
            date: 2026-03-19
            kind: workshop
            attendees: [ana, raj, li]
            ---
            Ça s'est bien passé — merci à toutes et à tous.
            """
    ]) { first, _ in first }

    @Test func everyLineEndsInCRLFAndFitsIn75Octets() throws {
        let portal = try BuiltPortal(Self.files)
        try portal.build(asOf: PortalFixture.asOf)
        let bytes = portal.bytes("calendar.ics")
        #expect(Array(bytes.suffix(2)) == [0x0D, 0x0A])
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") })
    }

    @Test func unfoldingRestoresTheEscapedText() throws {
        let portal = try BuiltPortal(Self.files)
        try portal.build(asOf: PortalFixture.asOf)
        let unfolded = portal.file("calendar.ics").replacingOccurrences(of: "\r\n ", with: "")
        let lines = unfolded.components(separatedBy: "\r\n")
        #expect(lines.contains(
            "SUMMARY:Atelier de résolution « premier contact » : scripts\\, macros\\, rappels\\; et suivi\\, à Lisbonne"))
        #expect(lines.contains(
            "DESCRIPTION:Attendees: Ana Ruiz\\, Raj Mehta\\, Li Wei\\n\\nÇa s'est bien passé — merci à toutes et à tous.\\n\\nhttps://portal.example.com/meetings/2026-03-19-workshop.html"))
    }

    @Test func eventsAreAllDayWithStableUIDsAndAStampFromTheAsOfDate() throws {
        let portal = try BuiltPortal(Self.files)
        try portal.build(asOf: PortalFixture.asOf)
        let text = portal.file("calendar.ics").replacingOccurrences(of: "\r\n ", with: "")
        let event = try #require(text.element("BEGIN:VEVENT", "END:VEVENT", containing: "UID:2026-03-02-check-in@portal.example.com"))
        #expect(event.contains("\r\nDTSTAMP:20260320T000000Z\r\n"))
        #expect(event.contains("\r\nDTSTART;VALUE=DATE:20260302\r\nDTEND;VALUE=DATE:20260303\r\n"))
        #expect(event.contains("\r\nCATEGORIES:Check-in\r\n"))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//Partnership portal//EN\r\n"))
        #expect(text.count(of: "BEGIN:VEVENT") == 4)  // the internal meeting is left out
        #expect(!text.contains("Internal pricing"))
    }

    @Test func foldingNeverSplitsACharacter() {
        let line = "SUMMARY:" + String(repeating: "é€😀", count: 40)
        let folded = MeetingCalendar.fold(line)
        for piece in folded.components(separatedBy: "\r\n") {
            #expect(piece.utf8.count <= 75)
            #expect(String(validating: Array(piece.utf8), as: UTF8.self) != nil)
        }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(MeetingCalendar.fold("SHORT:text") == "SHORT:text")
    }

    @Test func textIsEscapedAndCannotOpenAnHTMLTag() {
        #expect(MeetingCalendar.text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
        #expect(MeetingCalendar.text("<script>x</script> but 3 < 5") == "\u{2039}script>x\u{2039}/script> but 3 < 5")
    }

    /// Escaping reads eight bytes at a time where none needs escaping: on random text of
    /// the characters it changes and others, it gives what a character-by-character reading
    /// of the rule gives.
    @Test func escapingRandomTextFollowsTheRuleCharacterByCharacter() {
        func rule(_ text: String) -> String {
            var out = ""
            let characters = Array(text.unicodeScalars)
            for (index, scalar) in characters.enumerated() {
                switch scalar {
                case "\\", ";", ",": out += "\\" + String(scalar)
                case "\n": out += "\\n"
                case "\t": out += " "
                case "<":
                    let next = index + 1 < characters.count ? characters[index + 1] : " "
                    let opensTag = ("a"..."z").contains(next) || ("A"..."Z").contains(next) || "/!?".unicodeScalars.contains(next)
                    out += opensTag ? "\u{2039}" : "<"
                default:
                    if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
                }
            }
            return out
        }
        var random = SeededRandom(seed: 5)
        func next(_ bound: Int) -> Int { random.next(bound) }
        let pieces = ["plain words ", "a", "\\", ";", ",", "\n", "\t", "\r", "\u{7F}", "\u{01}", "<b", "< 5", "</", "<", "é", "✅", "abcdefgh", "<!"]
        for _ in 0..<3_000 {
            let text = (0..<next(30)).map { _ in pieces[next(pieces.count)] }.joined()
            #expect(MeetingCalendar.text(text) == rule(text), "'\(text)'")
        }
    }

    @Test func uidHostComesFromTheBaseURL() {
        #expect(MeetingCalendar.host(of: "https://user@Portal.Example.com:8443/a/") == "portal.example.com")
        #expect(MeetingCalendar.host(of: "") == nil)
    }
}
