import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Broken content never crashes a build and never touches the published portal: each case
/// is a folder of `Tests/Fixtures/hostile/` laid over a clean portal that was built before,
/// and the build must fail with exactly the diagnostics below (CONTENT-MODEL "Visibility
/// and bad input") while the output folder stays byte-identical.
@Suite struct HostileContentTests {
    /// A fixture folder and the diagnostics it must give, paths relative to `content/`.
    struct Case: CustomTestStringConvertible, Sendable {
        let folder: String
        let expected: [String]
        var testDescription: String { folder }
    }

    static let cases: [Case] = [
        Case(folder: "malformed-yaml", expected: [
            "pages/broken.md:4:6: error: YAML: did not find expected ',' or ']' (while parsing a flow sequence)"
        ]),
        Case(folder: "unclosed-front-matter", expected: [
            "pages/unclosed.md:1:1: error: front matter is not closed: no line '---' after the opening one"
        ]),
        Case(folder: "missing-front-matter", expected: [
            "pages/plain.md:1:1: error: missing front matter: a note starts with a line '---', then YAML, then '---'"
        ]),
        Case(folder: "missing-title", expected: [
            "meetings/2026-04-08-untitled.md:1:1: error: missing title: every note needs 'title:' in its front matter"
        ]),
        Case(folder: "impossible-dates", expected: [
            "expectations/monthly-pack.md:4:6: error: 'due' is '2026-13-01', which is not a date on the calendar",
            "meetings/2026-04-09-sync.md:6:1: error: due date '2026-04-31' is not a date on the calendar",
            "wins/2026-02-30-leap.md:3:7: error: 'date' is '2026-02-30', which is not a date on the calendar",
        ]),
        Case(folder: "wrong-frequency", expected: [
            "kpis/backlog.csv:3:1: error: '2026-02' is a monthly period, but this KPI is weekly",
            "kpis/backlog.md:6:3: error: '2026-01' is a monthly period, but this KPI is weekly",
            "kpis/backlog.md:7:3: error: '2026-Q1' is a quarterly period, but this KPI is weekly",
        ]),
        Case(folder: "bad-measurements", expected: [
            "kpis/csat.csv:2:9: error: the value for 2026-05 must be a plain decimal number, not empty",
            "kpis/csat.csv:3:9: error: the value for 2026-06 must be a plain decimal number, not '4,2'",
            "kpis/csat.csv:4:9: error: the value for 2026-07 must be a plain decimal number, not 'inf'",
            "kpis/csat.csv:5:9: error: the value for 2026-08 must be a plain decimal number, not '1e999'",
            "kpis/csat.csv:6:9: error: the value for 2026-09 must be a plain decimal number, not '0x10'",
            "kpis/csat.md:4:12: error: the value for 2026-01 must be a plain decimal number, not '1,5'",
            "kpis/csat.md:5:12: error: the value for 2026-02 must be a plain decimal number, not 'null'",
            "kpis/csat.md:6:12: error: the value for 2026-03 must be a plain decimal number, not 'abc'",
            "kpis/csat.md:7:3: error: '2026-13' is not a period: write YYYY-MM, YYYY-Www, YYYY-Qn or YYYY-MM-DD",
            "kpis/csat.md:8:12: error: the value for 2026-04 must be a plain decimal number, not a list or mapping",
        ]),
        Case(folder: "duplicate-measurements", expected: [
            "kpis/aht.csv:2:1: error: 2026-01 is measured twice: also at CONTENT/kpis/aht.md:6",
            "kpis/aht.csv:3:1: error: 2026-02 is measured twice: also at CONTENT/kpis/aht.md:7",
            "kpis/aht.csv:5:1: error: 2026-03 is measured twice: also at CONTENT/kpis/aht.csv:4",
        ]),
        Case(folder: "unknown-type", expected: [
            "pages/memo.md:3:7: error: unknown type 'memo': expected one of meeting, kpi, win, feedback, expectation, change, qbr, page"
        ]),
        Case(folder: "empty-file", expected: [
            "pages/empty.md:1:1: error: empty file: a note needs front matter with at least a title"
        ]),
        Case(folder: "not-utf8", expected: ["pages/latin1.md:1:1: error: not UTF-8 text: save the note as UTF-8"]),
        Case(folder: "note-named-index", expected: [
            "pages/index.md:1:1: error: a note cannot be called 'index': pages/index.html is the list of pages; rename the file"
        ]),
        Case(folder: "escaping-keys", expected: [
            "meetings/2026-04-10-escape.md:4:7: error: unknown type '../../../tmp/escaped': expected one of meeting, kpi, win, feedback, expectation, change, qbr, page",
            "meetings/2026-04-11-kind.md:4:7: error: 'kind' is '../../outside'; expected one of: check-in, qbr, steering, workshop, escalation, social",
        ]),
        Case(folder: "yaml-bomb", expected: [
            "pages/key-laughs.md:11:1: error: YAML: a key must be plain text, not an alias, a list or a mapping (in a front matter with anchors)",
            "pages/laughs.md:2:1: error: front matter expands to more than 100000 values (aliases nested too deep?)",
        ]),
    ]

    @Test(arguments: cases)
    func aBrokenNoteIsADiagnosticAndTheOutputIsLeftAlone(_ hostile: Case) throws {
        let fixture = try SiteFixture.builtHostileBase()
        try fixture.overlay(hostile.folder)
        // Messages that name a second file name it as the build does, with the content path.
        fixture.expectRejected(hostile.expected.map { $0.replacingOccurrences(of: "CONTENT/", with: fixture.content + "/") })
    }

    @Test func everyFixtureFolderHasACase() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repository.fixtures + "/hostile")
        #expect(folders.filter { $0 != "base" }.sorted() == Self.cases.map(\.folder).sorted())
    }
}
