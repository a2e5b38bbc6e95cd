import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// The trackers and boards, the 404 page, and builds that repeat exactly.
@Suite struct PortalPagesTests {
    let portal: BuiltPortal

    init() throws {
        portal = try BuiltPortal(PortalFixture.files)
        try portal.build(asOf: PortalFixture.asOf)
    }

    @Test func decisionRegisterListsDateDecisionAndMeeting() {
        #expect(portal.file("decisions/index.html").contains(
            "<tr><td><time datetime=\"2026-03-02\">2 Mar 2026</time></td><td>Move the review to Thursdays.</td><td><a href=\"../meetings/2026-03-02-check-in.html\">March check-in</a></td></tr>"))
    }

    @Test func feedbackBoardHasOneColumnPerDirectionWithResponses() throws {
        let page = portal.file("feedback/index.html")
        #expect(page.contains("<h2 id=\"col-client\">From Acme to Northwind <span class=\"count\">0</span></h2>"))
        let column = try #require(page.element("<section class=\"board-column\" aria-labelledby=\"col-provider\">", "</section>", containing: "late-rota"))
        #expect(column.contains("<span class=\"badge badge-acknowledged\">Acknowledged</span> <span class=\"badge badge-constructive\">Constructive</span>"))
        #expect(column.contains("<p class=\"response-label\">Response</p><p>We will send it by Thursday.</p>"))
    }

    @Test func expectationAndChangeBoardsGroupByStatus() throws {
        let expectations = portal.file("expectations/index.html")
        let atRisk = try #require(expectations.element("<section class=\"board-column board-at-risk\"", "</section>", containing: "weekly-pack"))
        #expect(atRisk.contains("Owner: Northwind · Weekly"))
        #expect(atRisk.contains("KPI: <a href=\"../kpis/first-contact-resolution.html\">First contact resolution</a> <span class=\"status status-green\">"))
        let changes = portal.file("changes/index.html")
        let proposed = try #require(changes.element("<section class=\"board-column board-proposed\"", "</section>", containing: "longer-chat-hours"))
        #expect(proposed.contains("requested by Ana Ruiz"))
    }

    @Test func winsTimelineAndPeoplePages() {
        #expect(portal.file("wins/index.html").contains("Team: Acme and Northwind · KPI: <a href=\"../kpis/first-contact-resolution.html\">First contact resolution</a>"))
        let raj = portal.file("people/raj.html")
        #expect(raj.contains("<a href=\"../wins/2026-03-12-record-week.html\">Record week for first contact resolution</a>"))
        #expect(raj.contains("Fix the IVR menu"))
        #expect(!raj.contains("Reprice the contract"))
        #expect(portal.file("people/ana.html").contains("<a href=\"../changes/2026-03-11-longer-chat-hours.html\">Longer chat hours</a>"))
    }

    @Test func notFoundPageLinksFromTheBaseURLPath() {
        let page = portal.file("404.html")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"/assets/rapport.css\">"))
        #expect(page.contains("<a href=\"/index.html\">Back to the dashboard</a>"))
    }

    @Test func pagesLinkRelativelyAndLoadNothingFromElsewhere() {
        let page = portal.file("meetings/2026-03-02-check-in.html")
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../assets/rapport.css\">"))
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("<link rel=\"stylesheet\" href=\"http"))
    }

    @Test func aPreviewSessionWritesTheSameFeedCalendarAndSitemapAsABuild() {
        let session = BuildSession(options: portal.options(asOf: PortalFixture.asOf))
        #expect(session.rebuild().succeeded)
        for route in ["feed.xml", "sitemap.xml", "calendar.ics", "search/index.js", "index.html"] {
            #expect(session.file(route) == portal.bytes(route), "\(route) differs between serve and build")
        }
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        func snapshot() -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: portal.output)
            while let path = enumerator?.nextObject() as? String {
                if let data = FileManager.default.contents(atPath: portal.output + "/" + path) { files[path] = data }
            }
            return files
        }
        let first = snapshot()
        try portal.build(asOf: PortalFixture.asOf)
        let second = snapshot()
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path) differs") }
    }
}
