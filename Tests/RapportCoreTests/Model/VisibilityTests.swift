import Testing

@testable import RapportCore

/// Internal and draft notes never contribute to a shared build; an internal build adds
/// internal notes, and drafts only when asked for.
@Suite struct VisibilityTests {
    private static let notes: [String: String] = [
        "meetings/shared.md": meetingNote(
            "2026-01-12",
            "See [the secret](secret.md), [the draft](../wins/draft-win.md) and [the KPI](../kpis/hidden.md).\n\n- [ ] @ana shared action\n"),
        "meetings/secret.md": meetingNote(
            "2027-03-01", "- [ ] @raj secret action\n\n## Decisions\n\n- secret decision\n", extra: "visibility: internal\n"),
        "wins/draft-win.md": "---\ntitle: Draft win\ndate: 2027-06-01\ndraft: true\n---\n",
        "kpis/hidden.md": kpiNote("visibility: internal\nmeasurements:\n  2028-01: 5"),
        "kpis/hidden.csv": "period,value\n2028-02,6\n",
    ]

    @Test func aSharedBuildHoldsNothingOfInternalOrDraftNotes() throws {
        let folder = try ContentFolder(Self.notes)
        let result = folder.load()
        let portal = try #require(result.portal)
        #expect(portal.notes.map(\.ref.description) == ["meetings/shared"])
        let analysis = Analysis(portal: portal, asOf: Day(year: 2026, month: 6, day: 30)!)
        #expect(analysis.actions.map(\.text) == ["@ana shared action"])
        #expect(analysis.decisions.isEmpty)
        #expect(analysis.kpis.isEmpty)
        #expect(analysis.quarters.map(\.quarter.description) == ["2026-Q1"])
        let shared = try #require(portal.notes.first)
        #expect(shared.body.html == "<p>See the secret, the draft and the KPI.</p>\n<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> @ana shared action</li>\n</ul>\n")
        #expect(
            result.lines == [
                "content/meetings/shared.md:6:18: warning: link to a note this build leaves out (internal or draft): 'secret.md' is shown as plain text",
                "content/meetings/shared.md:6:42: warning: link to a note this build leaves out (internal or draft): '../wins/draft-win.md' is shown as plain text",
                "content/meetings/shared.md:6:78: warning: link to a note this build leaves out (internal or draft): '../kpis/hidden.md' is shown as plain text",
            ])
    }

    @Test func anInternalBuildIncludesInternalNotesButNotDrafts() throws {
        let folder = try ContentFolder(Self.notes)
        let analysis = try #require(folder.analysis(asOf: "2026-06-30", LoadOptions(includeInternal: true)))
        #expect(analysis.actions.map(\.text) == ["@ana shared action", "@raj secret action"])
        #expect(analysis.decisions.map(\.text) == ["secret decision"])
        #expect(analysis.kpis.map(\.id) == ["hidden"])
        #expect(analysis.kpis.first?.measurements.map(\.value) == [5, 6])
        #expect(analysis.quarters.first?.quarter.description == "2026-Q1")
        #expect(analysis.quarters.last?.quarter.description == "2028-Q1")
    }

    @Test func draftsAreIncludedOnlyWhenAskedFor() throws {
        let folder = try ContentFolder(Self.notes)
        let portal = try #require(folder.load(LoadOptions(includeDrafts: true)).portal)
        #expect(portal.notes.map(\.ref.description) == ["meetings/shared", "wins/draft-win"])
        #expect(portal.notes.first?.body.html.contains("<a href=\"RAPPORT-ROOT/wins/draft-win.html\">the draft</a>") == true)
    }

    @Test func aLinkToAMissingNoteIsAnErrorAtItsLine() throws {
        let folder = try ContentFolder([
            "meetings/m.md": meetingNote("2026-01-12", "Intro\n\nSee [gone](../wins/gone.md).\n"),
        ])
        let result = folder.load()
        #expect(result.portal == nil)
        #expect(result.lines == ["content/meetings/m.md:8:12: error: link to a note that does not exist: '../wins/gone.md'"])
    }

    @Test func aLinkOutOfTheContentFolderIsAnError() throws {
        let folder = try ContentFolder(["pages/p.md": "---\ntitle: P\n---\n[x](../../etc/passwd.md)\n"])
        #expect(folder.load().lines == ["content/pages/p.md:4:5: error: link '../../etc/passwd.md' points outside the content folder"])
    }

    @Test func aLinkToAnIncludedNoteBecomesALinkToItsPage() throws {
        let folder = try ContentFolder([
            "meetings/m.md": meetingNote("2026-01-12", "[win](../wins/x.md#why) [web](https://example.com) [js](javascript:alert(1))\n"),
            "wins/x.md": "---\ntitle: X\ndate: 2026-01-13\n---\n",
        ])
        let result = folder.load()
        let meeting = try #require(result.portal?.note(NoteRef(kind: .meeting, id: "m")))
        #expect(
            meeting.body.html
                == "<p><a href=\"RAPPORT-ROOT/wins/x.html#why\">win</a> <a href=\"https://example.com\">web</a> js</p>\n")
        #expect(meeting.body.html(root: "../") .contains("href=\"../wins/x.html#why\""))
        #expect(result.lines == ["content/meetings/m.md:6:57: warning: unsafe link 'javascript:…' removed; its text is kept"])
    }
}
