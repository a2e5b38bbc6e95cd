import Foundation
import RapportCore
import RapportSite
import Testing

/// A shared build holds nothing of an internal or draft note: no page, title, id, text,
/// action, decision, measurement, tag, search entry, feed item or link (CONTENT-MODEL
/// "Visibility and bad input"). Every output file is searched for canary strings.
@Suite struct VisibilitySplitTests {
    /// Strings that appear only in the fixture's internal notes (ids included).
    static let internalCanaries = ["CANARY-INTERNAL-7f3a", "internal-margin-review", "secret-margin", "canary-internal-tag"]
    /// Strings that appear only in the fixture's draft note.
    static let draftCanaries = ["CANARY-DRAFT-91bc", "draft-plan"]

    private func files(containing canary: String, in files: [String: Data]) -> [String] {
        files.filter { String(decoding: $0.value, as: UTF8.self).contains(canary) }.map(\.key).sorted()
            + files.keys.filter { $0.contains(canary) }.sorted()
    }

    @Test func aSharedBuildHoldsNoTraceOfInternalOrDraftNotes() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build()
        let output = fixture.files()
        #expect(output.count > 20)
        for canary in Self.internalCanaries + Self.draftCanaries {
            #expect(files(containing: canary, in: output).isEmpty, "'\(canary)' leaked into a shared build")
        }
    }

    @Test func anInternalBuildHoldsInternalNotesButNoDrafts() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build(output: "internal", internal: true)
        let output = fixture.files(in: "internal")
        #expect(files(containing: "CANARY-INTERNAL-7f3a", in: output).contains("meetings/2026-08-01-internal-margin-review.html"))
        #expect(files(containing: "CANARY-INTERNAL-7f3a", in: output).contains("api/actions.json"))
        #expect(files(containing: "CANARY-INTERNAL-7f3a", in: output).contains("kpis/secret-margin.html"))
        for canary in Self.draftCanaries {
            #expect(files(containing: canary, in: output).isEmpty, "'\(canary)' leaked into an internal build")
        }
    }

    @Test func aDraftBuildHoldsTheDraft() throws {
        let fixture = try SiteFixture(copying: "portal-basic")
        try fixture.build(output: "drafts", drafts: true)
        let output = fixture.files(in: "drafts")
        #expect(!files(containing: "CANARY-DRAFT-91bc", in: output).isEmpty)
        for canary in Self.internalCanaries {
            #expect(files(containing: canary, in: output).isEmpty, "'\(canary)' leaked into a draft build")
        }
    }

    @Test func aSharedNoteNamingAnInternalKPIDoesNotRevealItsId() throws {
        let fixture = try SiteFixture([
            "kpis/canary-kpi-5d2e.md": "---\ntitle: Hidden KPI\nvisibility: internal\nmeasurements:\n  2026-01: 1\n---\n",
            "wins/w.md": "---\ntitle: W\ndate: 2026-01-05\nkpi: canary-kpi-5d2e\n---\n\nA win.\n",
            "expectations/e.md": "---\ntitle: E\nowner: provider\nkpi: canary-kpi-5d2e\n---\n\nAn expectation.\n",
        ])
        let report = try fixture.build()
        #expect(
            report.lines == [
                "\(fixture.content)/expectations/e.md:1:1: warning: 'kpi: canary-kpi-5d2e' names no KPI of this build",
                "\(fixture.content)/wins/w.md:1:1: warning: 'kpi: canary-kpi-5d2e' names no KPI of this build",
            ])
        #expect(files(containing: "canary-kpi-5d2e", in: fixture.files()).isEmpty)
    }
}
