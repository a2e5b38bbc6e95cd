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

    /// A meeting that moves to another quarter, a KPI's CSV that changes, a meeting that
    /// goes and one that comes: the analysis each rebuild makes from the last one gives the
    /// bytes a full build gives.
    @Test func movedChangedRemovedAndAddedNotesGiveTheBytesOfAFullBuild() throws {
        var files = ServeFixture.basic
        files["meetings/2026-03-02-kick-off.md"] =
            "---\ntitle: Kick-off\ndate: 2026-03-02\n---\n\n- [ ] @ana Plan the year (due 2026-03-20)\n\n## Decisions\n\n- Start in March\n"
        files["kpis/csat.md"] = "---\ntitle: CSAT\nunit: \"%\"\ndirection: higher\ntarget: 85\n---\n\nSurveyed.\n"
        files["kpis/csat.csv"] = "period,value\n2026-03,84\n"
        let fixture = try ServeFixture(files)
        defer { fixture.remove() }
        let session = fixture.session()
        #expect(session.rebuild().succeeded)
        let output = fixture.root.appendingPathComponent("output").path
        func expectTheBytesOfAFullBuild(after step: String) throws {
            try? FileManager.default.removeItem(atPath: output)
            _ = try SiteBuilder.build(session.options.with(output: output))
            for route in FileTree.files(under: output) {
                #expect(session.file(route) == ContentScanner.read(output + "/" + route), "after \(step): \(route) differs")
            }
        }

        try fixture.write(
            "meetings/2026-03-02-kick-off.md",
            "---\ntitle: Kick-off\ndate: 2026-04-20\n---\n\n- [x] @ana Plan the year (due 2026-03-20)\n\n## Decisions\n\n- Start in April\n")
        #expect(session.rebuild().succeeded)
        let actions = String(decoding: session.file("api/actions.json") ?? [], as: UTF8.self)
        let moved = try #require(actions.range(of: "Plan the year"))
        #expect(try #require(actions.range(of: "Send the file")).lowerBound < moved.lowerBound)
        try expectTheBytesOfAFullBuild(after: "moving the kick-off")

        try fixture.write("kpis/csat.csv", "period,value\n2026-03,84\n2026-04,88.5\n")
        #expect(session.rebuild().succeeded)
        #expect(String(decoding: session.file("api/kpis.json") ?? [], as: UTF8.self).contains("88.5"))
        try expectTheBytesOfAFullBuild(after: "editing the CSV")

        try FileManager.default.removeItem(atPath: fixture.content + "/meetings/2026-04-07-check-in.md")
        #expect(session.rebuild().succeeded)
        #expect(String(decoding: session.file("api/actions.json") ?? [], as: UTF8.self).contains("Send the file") == false)
        try expectTheBytesOfAFullBuild(after: "removing the check-in")

        try fixture.write("meetings/2026-05-05-review.md", "---\ntitle: Review\ndate: 2026-05-05\n---\n\n- [ ] @ana Follow up (due 2026-04-30)\n")
        #expect(session.rebuild().succeeded)
        try expectTheBytesOfAFullBuild(after: "adding a review")
    }
}

/// The data files (API, feed, sitemap, search index, calendar) a session keeps pieces of
/// between rebuilds: after each kind of edit they must hold exactly the bytes a full build
/// writes for the same content.
@Suite struct IncrementalDataFileTests {
    static let dataRoutes = [
        "api/kpis.json", "api/actions.json", "api/decisions.json", "api/quarters.json", "feed.xml", "sitemap.xml",
        "search/index.json", "search/index.js", "calendar.ics",
    ]

    /// A portal with a base URL (so a feed and a sitemap), a KPI measured from a CSV file,
    /// and more than a feed's hundred entries: meetings two a day, each with a decision.
    static var files: [String: String] {
        var files = ServeFixture.basic
        files["portal.yaml"]! =
            "title: Test portal\nbase_url: https://portal.example.com/\nclient: { name: Client Co, short: Client }\n"
            + "provider: { name: Provider Co, short: Provider }\npeople:\n  ana: { name: Ana Ruiz, team: client, role: Owner }\n"
            + "  li: { name: Li Wei, team: provider, role: Lead }\n"
        files["kpis/handle-time.md"] =
            "---\ntitle: Handle time\nunit: \"s\"\ndirection: lower\ntarget: 420\nwarning: 460\nfrequency: monthly\naggregate: mean\n---\n\nSeconds a contact.\n"
        files["kpis/handle-time.csv"] = "period,value,note\n2026-01,431,\n2026-02,447,\n"
        for day in 1...31 {
            for (index, team) in ["steering", "ops"].enumerated() {
                let date = "2026-03-" + (day < 10 ? "0" : "") + String(day)
                files["meetings/\(date)-\(team).md"] =
                    "---\ntitle: \(team) \(day)\ndate: \(date)\n---\n\nMet on day \(day) <b>&</b>.\n\n"
                    + "- [ ] @ana Task \(day).\(index) (due 2026-03-20)\n\n## Decisions\n\n- Decide \(day).\(index)\n"
            }
        }
        return files
    }

    /// Builds the same content in full and compares each data file with the session's.
    static func expectSameDataFiles(_ session: BuildSession, _ fixture: ServeFixture, _ step: String) throws {
        let output = fixture.root.appendingPathComponent("output-\(UUID().uuidString)").path
        _ = try SiteBuilder.build(session.options.with(output: output))
        defer { try? FileManager.default.removeItem(atPath: output) }
        for route in dataRoutes {
            let built = ContentScanner.read(output + "/" + route)
            #expect(built != nil, "\(step): the build wrote no \(route)")
            #expect(session.file(route) == built, "\(step): \(route) differs between serve and build")
        }
    }

    static func text(_ session: BuildSession, _ route: String) -> String {
        String(decoding: session.file(route) ?? [], as: UTF8.self)
    }

    @Test func eachEditGivesTheBytesOfAFullBuild() throws {
        let fixture = try ServeFixture(Self.files)
        defer { fixture.remove() }
        let session = fixture.session()
        #expect(session.rebuild().succeeded)
        try Self.expectSameDataFiles(session, fixture, "first build")

        // An action done, given to another owner and a later due date.
        try fixture.write(
            "meetings/2026-03-31-ops.md",
            "---\ntitle: ops 31\ndate: 2026-03-31\n---\n\nMet on day 31.\n\n- [x] @li Task 31.1 (due 2026-04-30)\n\n## Decisions\n\n- Decide 31.1\n")
        var outcome = session.rebuild()
        #expect(outcome.succeeded)
        #expect(outcome.renderedRoutes.contains("api/kpis.json") == false)
        #expect(
            Self.text(session, "api/actions.json").contains(
                "{\"meeting\": \"2026-03-31-ops\", \"date\": \"2026-03-31\", \"owner\": \"li\", \"text\": \"@li Task 31.1 (due 2026-04-30)\", \"due\": \"2026-04-30\", \"done\": true, \"overdue\": false}"))
        try Self.expectSameDataFiles(session, fixture, "action edited")

        // A new meeting, first of all by date, and one deleted.
        try fixture.write(
            "meetings/2026-02-01-kick-off.md",
            "---\ntitle: Kick-off\ndate: 2026-02-01\n---\n\nStarted.\n\n- [ ] @ana Plan\n\n## Decisions\n\n- Start\n")
        try FileManager.default.removeItem(atPath: fixture.content + "/meetings/2026-03-15-steering.md")
        outcome = session.rebuild()
        #expect(outcome.succeeded)
        #expect(Self.text(session, "calendar.ics").contains("SUMMARY:Kick-off\r\n"))
        #expect(Self.text(session, "search/index.json").contains("\"title\": \"steering 15\"") == false)
        try Self.expectSameDataFiles(session, fixture, "meeting added and meeting deleted")

        // A meeting renamed and moved to another day (and so to another place in every list).
        try fixture.write(
            "meetings/2026-03-02-ops.md",
            "---\ntitle: Ops, moved\ndate: 2026-03-30\n---\n\nMet later.\n\n- [ ] @ana Task moved\n\n## Decisions\n\n- Moved\n")
        #expect(session.rebuild().succeeded)
        #expect(Self.text(session, "feed.xml").contains("<title>Ops, moved</title>"))
        try Self.expectSameDataFiles(session, fixture, "meeting moved")

        // A KPI's measurements file: the API's KPIs and quarters change, actions do not.
        try fixture.write("kpis/handle-time.csv", "period,value,note\n2026-01,431,\n2026-02,447,\n2026-03,470,\n")
        outcome = session.rebuild()
        #expect(outcome.renderedRoutes.contains("api/kpis.json"))
        #expect(outcome.renderedRoutes.contains("api/actions.json") == false)
        #expect(outcome.renderedRoutes.contains("calendar.ics") == false)
        #expect(Self.text(session, "api/kpis.json").contains("{\"period\": \"2026-03\", \"value\": 470, \"status\": \"red\"}"))
        try Self.expectSameDataFiles(session, fixture, "KPI measurements changed")

        // A win: the feed and the search index change, the meetings' files do not.
        try fixture.write("wins/2026-04-08-record.md", "---\ntitle: Record month\ndate: 2026-03-31\nteam: both\n---\n\nWell done.\n")
        outcome = session.rebuild()
        #expect(outcome.renderedRoutes.contains("feed.xml"))
        #expect(outcome.renderedRoutes.contains("api/decisions.json") == false)
        try Self.expectSameDataFiles(session, fixture, "win edited")

        // A review pack's narrative written, then changed: its search entry follows.
        try fixture.write("qbr/2026-Q1.md", "---\ntitle: Quarterly business review 2026-Q1\ntags: [qbr]\n---\n\nA steady quarter.\n")
        #expect(session.rebuild().succeeded)
        try fixture.write("qbr/2026-Q1.md", "---\ntitle: Quarterly business review 2026-Q1\ntags: [qbr]\n---\n\nA busy quarter.\n")
        #expect(session.rebuild().succeeded)
        #expect(Self.text(session, "search/index.js").contains("\"tags\": [\"qbr\"], \"text\": \"A busy quarter.\"}"))
        try Self.expectSameDataFiles(session, fixture, "narrative changed")

        // Nothing changed: nothing is rendered, and the files stay as they were.
        #expect(session.rebuild().pagesRendered == 0)
        try Self.expectSameDataFiles(session, fixture, "no change")
    }
}

extension BuildOptions {
    func with(output: String) -> BuildOptions {
        var copy = self
        copy.output = output
        return copy
    }
}
