import Foundation
import RapportCore
import Testing

@testable import RapportSite

@Suite struct IncrementalBuildTests {
    @Test func anEditedNoteIsRenderedAgainAndPagesThatDoNotShowItAreNot() throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let session = fixture.session()
        let first = session.rebuild()
        #expect(first.succeeded)
        #expect(first.pagesRendered > 0)
        #expect(first.pagesRendered <= first.pagesTotal)
        let winBefore = session.file("wins/2026-04-08-record.html")

        try fixture.write(
            "meetings/2026-04-07-check-in.md",
            "---\ntitle: First check-in, renamed\ndate: 2026-04-07\nkind: check-in\n---\n\nWe met.\n\n- [x] @ana Send the file (due 2026-04-10)\n")
        let second = session.rebuild()
        #expect(second.succeeded)
        #expect(second.pagesRendered < second.pagesTotal)
        let meeting = String(decoding: session.file("meetings/2026-04-07-check-in.html") ?? [], as: UTF8.self)
        #expect(meeting.contains("First check-in, renamed"))
        let actions = String(decoding: session.file("api/actions.json") ?? [], as: UTF8.self)
        #expect(actions.contains("\"text\": \"@ana Send the file (due 2026-04-10)\", \"due\": \"2026-04-10\", \"done\": true"))
        #expect(session.file("wins/2026-04-08-record.html") == winBefore)

        let unchanged = session.rebuild()
        #expect(unchanged.pagesRendered == 0)
    }

    @Test func aMeetingEditRendersItsQuarterPackButNotOtherQuarters() throws {
        var files = ServeFixture.basic
        files["meetings/2026-01-10-kick-off.md"] = "---\ntitle: Kick-off\ndate: 2026-01-10\n---\n\nStarted.\n"
        let fixture = try ServeFixture(files)
        defer { fixture.remove() }
        let session = fixture.session()
        #expect(session.rebuild().succeeded)
        try fixture.write(
            "meetings/2026-04-07-check-in.md",
            "---\ntitle: First check-in\ndate: 2026-04-07\nkind: check-in\n---\n\nWe met again.\n")
        let outcome = session.rebuild()
        #expect(outcome.renderedRoutes.contains("meetings/2026-04-07-check-in.html"))
        #expect(outcome.renderedRoutes.contains("qbr/2026-Q2/index.html"))
        #expect(outcome.renderedRoutes.contains("qbr/2026-Q1/index.html") == false)
        #expect(outcome.renderedRoutes.contains("wins/2026-04-08-record.html") == false)
    }

    /// The theme is read again when one of its files changes (and only then: the session keeps
    /// it): a broken template keeps the last good site, and fixing it brings the new look.
    @Test func aThemeEditIsPickedUpAndABrokenOneKeepsTheLastGoodSite() throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let theme = fixture.root.appendingPathComponent("theme").path
        try FileManager.default.copyItem(atPath: ServeFixture.templates, toPath: theme)
        var options = fixture.session().options
        options.templates = theme
        let session = BuildSession(options: options)
        #expect(session.rebuild().succeeded)
        #expect(session.rebuild().pagesRendered == 0)

        let layout = theme + "/layouts/note.mustache"
        let original = try String(contentsOfFile: layout, encoding: .utf8)
        try (original + "{{#broken}}").write(toFile: layout, atomically: false, encoding: .utf8)
        let broken = session.rebuild()
        #expect(broken.succeeded == false)
        #expect(broken.diagnostics.first?.path == layout)

        try original.replacingOccurrences(of: "<article", with: "<!-- edited theme --><article")
            .write(toFile: layout, atomically: false, encoding: .utf8)
        let fixed = session.rebuild()
        #expect(fixed.succeeded)
        // Every page and data file again; the three asset files (CSS, script, icon) are not pages.
        #expect(fixed.pagesRendered == fixed.pagesTotal - 3)
        let meeting = String(decoding: session.file("meetings/2026-04-07-check-in.html") ?? [], as: UTF8.self)
        #expect(meeting.contains("<!-- edited theme --><article"))
    }

    /// A person's page is rendered again when a changed note concerns them, before or after
    /// the change, and only then.
    @Test func personPagesFollowTheNotesThatConcernThem() throws {
        var files = ServeFixture.basic
        files["portal.yaml"]! += "  li: { name: Li Wei, team: provider, role: Lead }\n  raj: { name: Raj Mehta, team: provider, role: Analyst }\n"
        let fixture = try ServeFixture(files)
        defer { fixture.remove() }
        let session = fixture.session()
        #expect(session.rebuild().succeeded)

        // Li attends now; Ana still owns the action.
        try fixture.write(
            "meetings/2026-04-07-check-in.md",
            "---\ntitle: First check-in\ndate: 2026-04-07\nattendees: [li]\n---\n\nWe met.\n\n- [ ] @ana Send the file (due 2026-04-10)\n")
        var outcome = session.rebuild()
        #expect(outcome.renderedRoutes.contains("people/li.html"))
        #expect(outcome.renderedRoutes.contains("people/ana.html"))
        #expect(outcome.renderedRoutes.contains("people/raj.html") == false)
        #expect(String(decoding: session.file("people/li.html") ?? [], as: UTF8.self).contains("First check-in"))

        // Li no longer attends: her page is rendered again without the meeting.
        try fixture.write("meetings/2026-04-07-check-in.md", "---\ntitle: First check-in\ndate: 2026-04-07\n---\n\nWe met.\n")
        outcome = session.rebuild()
        #expect(outcome.renderedRoutes.contains("people/li.html"))
        #expect(outcome.renderedRoutes.contains("people/raj.html") == false)
        #expect(String(decoding: session.file("people/li.html") ?? [], as: UTF8.self).contains("First check-in") == false)

        // A win that mentions Raj.
        try fixture.write("wins/2026-04-08-record.md", "---\ntitle: Record week\ndate: 2026-04-08\nteam: both\n---\n\nWell done, @raj.\n")
        outcome = session.rebuild()
        #expect(outcome.renderedRoutes.contains("people/raj.html"))
        #expect(outcome.renderedRoutes.contains("people/li.html") == false)

        let output = fixture.root.appendingPathComponent("output").path
        _ = try SiteBuilder.build(session.options.with(output: output))
        for route in FileTree.files(under: output) where route.hasPrefix("people/") {
            #expect(session.file(route) == ContentScanner.read(output + "/" + route), "\(route) differs between serve and build")
        }
    }

    @Test func theSessionGivesTheSameBytesAsAFullBuild() throws {
        let fixture = try ServeFixture(ServeFixture.basic)
        defer { fixture.remove() }
        let session = fixture.session()
        _ = session.rebuild()
        try fixture.write("wins/2026-04-09-second.md", "---\ntitle: Second win\ndate: 2026-04-09\ntags: [quality]\n---\n\nAgain.\n")
        #expect(session.rebuild().succeeded)
        // An edited meeting: its search entry and calendar event are made again, not kept.
        try fixture.write(
            "meetings/2026-04-07-check-in.md",
            "---\ntitle: First check-in, moved\ndate: 2026-04-09\nkind: steering\n---\n\nWe met later.\n\n## Decisions\n\n- Go\n")
        #expect(session.rebuild().succeeded)
        let calendar = String(decoding: session.file("calendar.ics") ?? [], as: UTF8.self)
        #expect(calendar.contains("SUMMARY:First check-in\\, moved\r\n"))
        let search = String(decoding: session.file("search/index.json") ?? [], as: UTF8.self)
        #expect(search.contains("\"title\": \"First check-in, moved\""))

        let output = fixture.root.appendingPathComponent("output").path
        _ = try SiteBuilder.build(session.options.with(output: output))
        for route in FileTree.files(under: output) {
            let built = ContentScanner.read(output + "/" + route)
            #expect(session.file(route) == built, "\(route) differs between serve and build")
        }
    }
}

extension BuildOptions {
    func with(output: String) -> BuildOptions {
        var copy = self
        copy.output = output
        return copy
    }
}
