import Foundation
import RapportCore
import Testing

@testable import RapportSite

@Suite struct SearchIndexTests {
    let portal: BuiltPortal

    init() throws {
        portal = try BuiltPortal(PortalFixture.files)
        try portal.build(asOf: PortalFixture.asOf)
    }

    func pages(_ json: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["pages"] as? [[String: Any]])
    }

    @Test func indexHoldsEverySharedPage() throws {
        let urls = Set(try pages(portal.file("search/index.json")).compactMap { $0["url"] as? String })
        let notes = PortalFixture.files.keys.filter { $0.hasSuffix(".md") && !$0.contains("secret") && !$0.contains("draft") }
        let expected = Set(notes.map { String($0.dropLast(3)) + ".html" })
            .union(["people/ana.html", "people/raj.html", "people/li.html", "qbr/2026-Q1/index.html", "qbr/2026-Q2/index.html"])
        #expect(urls == expected)
        // Every indexed page exists.
        for url in urls { #expect(portal.exists(url), "\(url)") }
    }

    @Test func indexHoldsNothingInternalOrDraft() {
        for route in ["search/index.json", "search/index.js"] {
            let text = portal.file(route)
            for secret in ["Internal pricing huddle", "Reprice the contract", "2026-03-05-secret", "Unannounced draft", "draft-win"] {
                #expect(!text.contains(secret), "\(route) holds \(secret)")
            }
        }
    }

    @Test func entriesCarryKindTitleDateTagsAndText() throws {
        let entry = try #require(try pages(portal.file("search/index.json")).first { ($0["url"] as? String) == "meetings/2026-03-02-check-in.html" })
        #expect(entry["kind"] as? String == "meeting")
        #expect(entry["title"] as? String == "March check-in")
        #expect(entry["date"] as? String == "2026-03-02")
        #expect(entry["tags"] as? [String] == ["rota"])
        #expect((entry["text"] as? String)?.hasPrefix("Notes We looked at the rota. Decisions Keep the Monday pack.") == true)
    }

    /// A build makes the notes' lines while it analyses; the index is the one made in one go.
    @Test func linesMadeBeforehandGiveTheSameIndex() throws {
        // With a quarter's narrative, which its pack's entry shows rather than a line of its own.
        let narrative = "---\ntitle: Review 2026-Q1\n---\n\n## Executive summary\n\nA steady quarter.\n"
        let portal = try BuiltPortal(PortalFixture.files.merging(["qbr/2026-Q1.md": narrative]) { $1 })
        try portal.build(asOf: PortalFixture.asOf)
        let options = portal.options(asOf: PortalFixture.asOf)
        let (notes, analysis, _) = try #require(SiteBuilder.analyse(options))
        let (model, _) = SiteBuilder.siteModel(portal: notes, analysis: analysis, options: options)
        let quarters = SitePages.qbrQuarters(model)
        let inOneGo = SearchIndex.json(model: model, qbrQuarters: quarters)
        let beforehand = SearchIndex.json(model: model, qbrQuarters: quarters, noteLines: SearchIndex.noteLines(notes))
        #expect(beforehand == inOneGo)
        #expect(inOneGo.joined() + "\n" == portal.file("search/index.json"))
        #expect(notes.notes(of: .qbr).count == 1)
        #expect(SearchIndex.noteLines(notes).count == notes.notes.count - 1)
    }

    @Test func scriptAssignsTheSameDataToAGlobal() {
        let json = portal.file("search/index.json")
        let script = portal.file("search/index.js")
        #expect(script == "window.RAPPORT_SEARCH = " + json.dropLast() + ";\n")
        let page = portal.file("search/index.html")
        #expect(page.contains("<script src=\"../search/index.js\"></script>"))
        #expect(page.contains("<script src=\"../assets/search.js\"></script>"))
        #expect(portal.exists("assets/search.js"))
    }

    @Test func indexEscapesWhatCouldCloseAScript() throws {
        let portal = try BuiltPortal([
            "pages/tricky.md": "---\ntitle: \"</script><b>x</b>\"\n---\nA & B < C\n"
        ])
        try portal.build(asOf: PortalFixture.asOf)
        let script = portal.file("search/index.js")
        #expect(!script.contains("</script>"))
        #expect(script.contains("\\u003c/script\\u003e"))
    }

    @Test func everyPageHasTheSearchBoxButTheSearchPage() {
        #expect(portal.file("index.html").contains("<form class=\"search-box\" role=\"search\" action=\"search/index.html\" method=\"get\">"))
        #expect(portal.file("meetings/2026-03-02-check-in.html").contains("action=\"../search/index.html\""))
        #expect(!portal.file("search/index.html").contains("class=\"search-box\""))
    }
}
