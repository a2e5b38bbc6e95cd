import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// The shared portal goes to the other company: it holds nothing of an internal or draft
/// note (CONTENT-MODEL "Visibility and bad input"). `Tests/Fixtures/leak-canaries` puts a
/// canary (`CNRY-…`, `cnry-…`, odd numbers) in every field of such notes: titles, bodies,
/// tags, KPI values and units, CSV notes, action and decision text, a feedback response, a
/// change's impact, and a person (`@cnry-person`) only they mention. Its shared notes
/// link to the hidden ones and name their KPIs. Every file of a shared build is searched,
/// the data API, search index, feed, calendar, sitemap and QBR packs included, and so are
/// the names of the files.
@Suite struct LeakTests {
    /// Searched for case-insensitively in every file and file name of a shared build.
    static let canaries = ["cnry", "canary", "31337", "27182", "16180"]

    /// Each of these must appear in an internal build with drafts, or the search for them
    /// in the shared one would prove nothing.
    static let rendered = [
        "CNRY-T1", "CNRY-T2", "CNRY-T3", "CNRY-B1", "CNRY-B2", "CNRY-B3", "CNRY-B4", "CNRY-B5", "CNRY-B6", "CNRY-B7",
        "CNRY-B8", "CNRY-D1", "CNRY-D2", "CNRY-D3", "CNRY-A1", "CNRY-A2", "CNRY-A3", "CNRY-A4", "CNRY-K1", "CNRY-K2",
        "CNRY-CSV1", "CNRY-W1", "CNRY-W2", "CNRY-F1", "CNRY-R1", "CNRY-E1", "CNRY-C1", "CNRY-P1", "cnry-tag-1",
        "cnry-tag-2", "cnry-tag-3", "cnry-person", "cnry-unit", "Cnry-Impact", "31337", "27182", "16180",
        "canary-internal-offsite",
    ]

    /// The files (and file names) holding any canary, with the canary.
    private func leaks(in files: [String: Data]) -> [String] {
        var found: [String] = []
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self).lowercased()
            for canary in Self.canaries {
                if path.lowercased().contains(canary) { found.append("name \(path): \(canary)") }
                if text.contains(canary) { found.append("\(path): \(canary)") }
            }
        }
        return found
    }

    @Test func aSharedBuildHoldsNoCanaryInAnyFileOrFileName() throws {
        let fixture = try SiteFixture(copying: "leak-canaries")
        let report = try fixture.build(asOf: "2026-05-01")
        let content = fixture.content
        #expect(
            report.lines == [
                "\(content)/expectations/shared-pack.md:1:1: warning: 'kpi: canary-draft-kpi' names no KPI of this build",
                "\(content)/wins/2026-04-25-shared.md:1:1: warning: 'kpi: canary-internal-margin' names no KPI of this build",
                "\(content)/wins/2026-04-25-shared.md:7:37: warning: link to a note this build leaves out (internal or draft): '../meetings/2025-10-15-canary-internal-offsite.md' is shown as plain text",
                "\(content)/wins/2026-04-25-shared.md:8:12: warning: link to a note this build leaves out (internal or draft): '../meetings/2025-12-01-canary-draft-plan.md' is shown as plain text",
                "\(content)/wins/2026-04-25-shared.md:8:74: warning: link to a note this build leaves out (internal or draft): '../kpis/canary-internal-margin.md' is shown as plain text",
            ])
        let files = fixture.files()
        #expect(files.keys.contains("feed.xml") && files.keys.contains("calendar.ics") && files.keys.contains("sitemap.xml"))
        #expect(files.keys.contains("qbr/2026-Q2/index.html") && files.keys.contains("search/index.json"))
        #expect(leaks(in: files) == [])
        let win = try #require(fixture.page("wins/2026-04-25-shared.html"))
        #expect(win.contains("<p>Linked as plain text: the offsite,\nthe plan and the margin.</p>"))
    }

    @Test func aSharedBuildCountsOnlyWhatItShows() throws {
        let fixture = try SiteFixture(copying: "leak-canaries")
        try fixture.build(asOf: "2026-05-01")
        let quarters = try #require(fixture.page("api/quarters.json"))
        // The hidden notes alone are dated in 2025-Q4: the shared list starts in 2026-Q1.
        #expect(!quarters.contains("2025-Q4"))
        #expect(
            quarters.contains(
                "{\"quarter\": \"2026-Q2\", \"start\": \"2026-04-01\", \"end\": \"2026-06-30\", \"meetings\": 1, \"wins\": 2, \"decisions\": 1, \"actions_opened\": 2, \"actions_done\": 1, \"actions_overdue\": 1,"))
        #expect(fixture.page("qbr/2025-Q4/index.html") == nil)
    }

    @Test func aSharedQBRPackFileHoldsNoCanary() throws {
        let fixture = try SiteFixture(copying: "leak-canaries")
        for quarter in ["2026-Q1", "2026-Q2"] {
            let (html, _) = try QBRExport.render(fixture.options(asOf: "2026-05-01"), quarter: Quarter(quarter)!, baseURL: nil)
            #expect(html.contains("QBR \(quarter)"))
            #expect(leaks(in: ["qbr-\(quarter).html": Data(html.utf8)]) == [])
        }
    }

    @Test func anInternalBuildWithDraftsShowsEveryCanary() throws {
        let fixture = try SiteFixture(copying: "leak-canaries")
        try fixture.build(output: "internal", asOf: "2026-05-01", internal: true, drafts: true)
        let text = fixture.files(in: "internal").map { $0.key + "\n" + String(decoding: $0.value, as: UTF8.self) }
            .joined(separator: "\n")
        for canary in Self.rendered {
            #expect(text.contains(canary), "\(canary) is never shown, so its absence from a shared build proves nothing")
        }
    }

    @Test func aSharedNarrativeCitingAnInternalKPIFailsTheBuildWithoutNamingItsFigure() throws {
        let fixture = try SiteFixture(copying: "leak-canaries")
        try fixture.build(asOf: "2026-05-01")
        try fixture.write("qbr/2026-Q1.md", "---\ntitle: Q1\n---\n\nMargin was {{kpi:canary-internal-margin}}.\n")
        let before = fixture.snapshotOutsideContent()
        do {
            try fixture.build(asOf: "2026-05-01")
            Issue.record("a shared narrative citing an internal KPI was published")
        } catch let failure as BuildFailure {
            #expect(
                failure.lines.filter { $0.contains(": error: ") } == [
                    "\(fixture.content)/qbr/2026-Q1.md:5:12: error: {{kpi:canary-internal-margin}} names no KPI of this build"
                ])
        }
        #expect(fixture.snapshotOutsideContent() == before)
    }
}
