import Foundation
import RapportCore
import RapportSite
import Testing

/// Links between notes point at pages, relative to the page that shows them.
@Suite struct NoteLinkTests {
    private static let notes: [String: String] = [
        "meetings/2026-04-07-m.md": "---\ntitle: M\ndate: 2026-04-07\n---\n\nSee [the win](../wins/x.md), [why](../wins/x.md#why) and [contacts](../pages/contacts.md).\n",
        "wins/x.md": "---\ntitle: X\ndate: 2026-04-08\n---\n\nBack to [the meeting](../meetings/2026-04-07-m.md).\n",
        "pages/contacts.md": "---\ntitle: Contacts\n---\n\nNothing here.\n",
        "qbr/2026-Q2.md": "---\ntitle: Review\n---\n\nThe [win](../wins/x.md) of the quarter.\n",
    ]

    @Test func aLinkToANoteBecomesALinkToItsPage() throws {
        let fixture = try SiteFixture(Self.notes)
        try fixture.build()
        let meeting = try #require(fixture.page("meetings/2026-04-07-m.html"))
        #expect(meeting.contains("See <a href=\"../wins/x.html\">the win</a>, <a href=\"../wins/x.html#why\">why</a> and <a href=\"../pages/contacts.html\">contacts</a>."))
        let win = try #require(fixture.page("wins/x.html"))
        #expect(win.contains("<a href=\"../meetings/2026-04-07-m.html\">the meeting</a>"))
        #expect(fixture.page("wins/x.html") != nil && fixture.page("pages/contacts.html") != nil)
    }

    @Test func aLinkInAPageTwoFoldersDownClimbsTwoFolders() throws {
        let fixture = try SiteFixture(Self.notes)
        try fixture.build()
        let pack = try #require(fixture.page("qbr/2026-Q2/index.html"))
        #expect(pack.contains("<a href=\"../../wins/x.html\">win</a>"))
        for (route, data) in fixture.files() where route.hasSuffix(".html") {
            #expect(!String(decoding: data, as: UTF8.self).contains("RAPPORT-ROOT"), "unfilled root marker in \(route)")
        }
    }

    @Test func aLinkToAMissingNoteFailsTheBuildAtItsLine() throws {
        let fixture = try SiteFixture([
            "meetings/2026-04-07-m.md": "---\ntitle: M\ndate: 2026-04-07\n---\n\nIntro.\n\nSee [gone](../wins/gone.md).\n"
        ])
        do {
            try fixture.build()
            Issue.record("the build succeeded")
        } catch let failure as BuildFailure {
            #expect(
                failure.lines.filter { $0.contains("error") } == [
                    "\(fixture.content)/meetings/2026-04-07-m.md:8:12: error: link to a note that does not exist: '../wins/gone.md'"
                ])
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/output"))
    }

    @Test func aLinkToAnInternalNoteInASharedBuildIsItsPlainLabelWithAWarning() throws {
        var notes = Self.notes
        notes["wins/secret-win.md"] = "---\ntitle: Secret\ndate: 2026-04-09\nvisibility: internal\n---\n"
        notes["pages/contacts.md"] = "---\ntitle: Contacts\n---\n\nAsk about [the secret one](../wins/secret-win.md) later.\n"
        let fixture = try SiteFixture(notes)
        let report = try fixture.build()
        let page = try #require(fixture.page("pages/contacts.html"))
        #expect(page.contains("<p>Ask about the secret one later.</p>"))
        #expect(
            report.lines.contains(
                "\(fixture.content)/pages/contacts.md:5:28: warning: link to a note this build leaves out (internal or draft): '../wins/secret-win.md' is shown as plain text"
            ))
        for (route, data) in fixture.files() {
            #expect(!String(decoding: data, as: UTF8.self).contains("secret-win"), "the internal note's id is in \(route)")
        }

        try fixture.build(output: "internal", internal: true)
        let internalPage = try #require(fixture.page("pages/contacts.html", in: "internal"))
        #expect(internalPage.contains("<a href=\"../wins/secret-win.html\">the secret one</a>"))
    }
}
