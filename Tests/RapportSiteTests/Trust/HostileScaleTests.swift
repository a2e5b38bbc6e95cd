import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Inputs far larger or deeper than any real note, generated at test time (never
/// committed): a 5 MB note, 50,000 notes, lists and block quotes 100,000 deep and a KPI CSV
/// of a million rows. Each ends in seconds with the exact diagnostics, never a crash, a
/// hang or a million lines of errors.
///
/// A successful build of 50,000 notes takes about 40 s in a debug build (rendering through
/// Mustache unoptimised), so the successful build here has 2,000 notes; the 50,000 are
/// loaded in full and rejected for one bad note. `make bench` times the full-size build.
@Suite struct HostileScaleTests {
    /// Generous bounds: they catch a quadratic path (the 5 MB note of links took over five
    /// minutes), not a slow machine.
    static let timeLimit: Duration = .seconds(120)

    /// About 5 MB of meeting notes: 40,000 paragraphs with a link to a note and one to the
    /// web, and an action every 1,000 paragraphs; `tail` is the last line.
    static func bigNote(tail: String) -> String {
        var text = "---\ntitle: A very long meeting\ndate: 2026-04-09\nkind: workshop\n---\n\n"
        text.reserveCapacity(5_400_000)
        for index in 0..<40_000 {
            text += "Paragraph \(index): we went through [the FCR figures](../kpis/fcr.md) and "
            text += "[page \(index) of the wiki](https://wiki.example.com/page/\(index)), **bold** and `code`.\n\n"
            if index % 1_000 == 999 { text += "- [ ] @raj Follow up on part \(index / 1_000) (due 2026-04-30)\n\n" }
        }
        return text + tail + "\n"
    }

    @Test func aFiveMegabyteNoteBuildsInSeconds() throws {
        let fixture = try SiteFixture.builtHostileBase()
        let note = Self.bigNote(tail: "The end.")
        #expect(note.utf8.count > 5_000_000)
        try fixture.write("meetings/2026-04-09-long.md", note)
        let start = ContinuousClock.now
        let report = try fixture.build()
        #expect(ContinuousClock.now - start < Self.timeLimit)
        #expect(report.lines == [])
        let page = try #require(fixture.page("meetings/2026-04-09-long.html"))
        #expect(page.contains("<p>Paragraph 39999: we went through <a href=\"../kpis/fcr.html\">the FCR figures</a>"))
        let actions = try #require(fixture.page("api/actions.json"))
        #expect(actions.count(of: "\"meeting\": \"2026-04-09-long\"") == 40)
    }

    @Test func aBrokenLinkAtTheEndOfAFiveMegabyteNoteIsReportedAtItsLine() throws {
        let fixture = try SiteFixture.builtHostileBase()
        let note = Self.bigNote(tail: "See [the missing note](../wins/missing.md).")
        let line = note.utf8.count { $0 == 0x0A }
        try fixture.write("meetings/2026-04-09-long.md", note)
        let start = ContinuousClock.now
        fixture.expectRejected([
            "meetings/2026-04-09-long.md:\(line):24: error: link to a note that does not exist: '../wins/missing.md'"
        ])
        #expect(ContinuousClock.now - start < Self.timeLimit)
    }

    /// Writes `count` one-line pages named `p00000.md`…
    static func writeTinyNotes(_ count: Int, into fixture: SiteFixture) throws {
        let folder = fixture.content + "/pages"
        for index in 0..<count {
            let name = String(index + 100_000).dropFirst()
            try Data("---\ntitle: Note \(index)\n---\nHello \(index).\n".utf8)
                .write(to: URL(fileURLWithPath: "\(folder)/p\(name).md"))
        }
    }

    /// One test for both, so the 50,000 files are written once per run (creating them is
    /// most of its time, more so on a file system that has seen many test runs).
    @Test func fiftyThousandNotesLoadAndOneBrokenAmongThemIsRejectedInSeconds() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try Self.writeTinyNotes(50_000, into: fixture)
        var start = ContinuousClock.now
        let result = PortalLoader.load(contentRoot: fixture.content, options: LoadOptions(), route: Routes.note)
        #expect(ContinuousClock.now - start < Self.timeLimit)
        #expect(result.diagnostics == [])
        #expect(result.portal?.notes(of: .page).count == 50_001)

        try fixture.write("pages/p31337.md", "---\ntitle:\n---\nThe title is empty.\n")
        start = ContinuousClock.now
        fixture.expectRejected(["pages/p31337.md:1:1: error: missing title: every note needs 'title:' in its front matter"])
        #expect(ContinuousClock.now - start < Self.timeLimit)
    }

    @Test func twoThousandNotesBuildEveryPage() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try Self.writeTinyNotes(2_000, into: fixture)
        let report = try fixture.build()
        #expect(report.lines == [])
        #expect(fixture.page("pages/p01999.html")?.contains("<p>Hello 1999.</p>") == true)
        #expect(fixture.page("pages/index.html")?.count(of: "href=\"../pages/p0") == 2_000)
    }

    /// Lists and block quotes 100,000 deep on one line each (`- - - … x`, `> > > … x`), a
    /// task in a quote (no action), and a list nested 1,000 deep by indentation whose
    /// innermost item, on line 1,012 at column 2,001, is `task`.
    static func deepNote(task: String) -> String {
        var text = "---\ntitle: Deep\ndate: 2026-04-09\n---\n\n"
        text += String(repeating: "- ", count: 100_000) + "A hundred thousand lists deep.\n\n"
        text += String(repeating: "> ", count: 100_000) + "A hundred thousand quotes deep.\n\n"
        text += "> > - [ ] @ana A task in a quote is no action (due 2026-04-30)\n\n"
        for level in 0..<1_000 { text += String(repeating: "  ", count: level) + "- level \(level)\n" }
        return text + String(repeating: "  ", count: 1_000) + "- " + task + "\n"
    }

    @Test func listsAndBlockQuotesAHundredThousandDeepBuild() throws {
        let fixture = try SiteFixture.builtHostileBase()
        // Two deep notes, so parsing runs on worker threads, whose stacks are small: the
        // plain text of such a note overflowed one when it was gathered by recursion.
        try fixture.write("meetings/2026-04-09-deep.md", Self.deepNote(task: "[ ] @ana Climb out (due 2026-04-30)"))
        try fixture.write("meetings/2026-04-10-deep.md", Self.deepNote(task: "[x] @raj Dig in (due 2026-04-01)"))
        let report = try fixture.build()
        #expect(report.lines == [])
        let actions = try #require(fixture.page("api/actions.json"))
        #expect(actions.contains(
            "{\"meeting\": \"2026-04-09-deep\", \"date\": \"2026-04-09\", \"owner\": \"ana\", \"text\": \"@ana Climb out (due 2026-04-30)\", \"due\": \"2026-04-30\", \"done\": false, \"overdue\": true}"))
        #expect(actions.contains("\"text\": \"@raj Dig in (due 2026-04-01)\", \"due\": \"2026-04-01\", \"done\": true"))
        #expect(!actions.contains("no action"))
        let search = try #require(fixture.page("search/index.json"))
        #expect(search.contains("A hundred thousand lists deep. A hundred thousand quotes deep."))
    }

    @Test func anImpossibleDueDateAThousandListsDeepIsReportedAtItsItem() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try fixture.write("meetings/2026-04-09-deep.md", Self.deepNote(task: "[ ] @ana Climb out (due 2026-02-30)"))
        try fixture.write("meetings/2026-04-10-deep.md", Self.deepNote(task: "[x] @raj Dig in (due 2026-04-01)"))
        fixture.expectRejected([
            "meetings/2026-04-09-deep.md:1012:2001: error: due date '2026-02-30' is not a date on the calendar"
        ])
    }

    /// A monthly KPI's CSV of a million rows: every month from 0001-01 to 9999-12 (119,988
    /// of them), then again and again, so the rows after the first 119,988 repeat a period.
    static func millionRowCSV() -> [UInt8] {
        var bytes = Array("period,value\n".utf8)
        bytes.reserveCapacity(13_000_000)
        func append(_ value: Int, width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var rest = value
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = UInt8(0x30 + rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: digits)
        }
        for row in 0..<1_000_000 {
            let month = row % 119_988
            append(month / 12 + 1, width: 4)
            bytes.append(UInt8(ascii: "-"))
            append(month % 12 + 1, width: 2)
            bytes.append(UInt8(ascii: ","))
            append(row % 100, width: 2)
            bytes.append(0x0A)
        }
        return bytes
    }

    @Test func aMillionRowCSVGivesTwentyErrorsAndACountInSeconds() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try fixture.write("kpis/volume.md", "---\ntitle: Contact volume\n---\n")
        try fixture.writeBytes("kpis/volume.csv", Self.millionRowCSV())
        let start = ContinuousClock.now
        // Row r (0-based) is on line r + 2 and first repeats at r = 119,988.
        let months = (0..<20).map { offset in String(format: "%04d-%02d", offset / 12 + 1, offset % 12 + 1) }
        fixture.expectRejected(
            ["kpis/volume.csv:1:1: error: 879992 more problems with measurements not shown"]
                + months.enumerated().map { offset, month in
                    "kpis/volume.csv:\(119_990 + offset):1: error: \(month) is measured twice: also at \(fixture.content)/kpis/volume.csv:\(offset + 2)"
                })
        #expect(ContinuousClock.now - start < Self.timeLimit)
    }

    /// Values at the edge of what a Double holds: their sums overflow and their chart
    /// spans more than a Double can. Building it trapped in the chart code (Int64 of
    /// infinity) and wrote `inf` into kpis.json.
    @Test func kpiValuesNearTheLimitsOfADoubleBuildValidJSONAndCharts() throws {
        let fixture = try SiteFixture.builtHostileBase()
        try fixture.write(
            "kpis/huge.md",
            "---\ntitle: Huge\naggregate: sum\ntarget: 1\nwarning: -1e308\nmeasurements:\n  2026-01: 1e308\n  2026-02: 1e308\n  2026-03: -1e308\n  2026-04: 4.9e-324\n---\n")
        let report = try fixture.build()
        #expect(report.lines == [])
        let kpis = try #require(fixture.page("api/kpis.json"))
        let parsed = try JSONSerialization.jsonObject(with: Data(kpis.utf8)) as? [[String: Any]]
        let huge = try #require(parsed?.first { $0["id"] as? String == "huge" })
        let quarters = try #require(huge["quarters"] as? [[String: Any]])
        #expect(quarters.first?["value"] is NSNull)
        #expect(quarters.first?["quarter"] as? String == "2026-Q1")
        #expect(fixture.page("kpis/huge.html")?.contains("<svg class=\"chart\"") == true)
    }
}
