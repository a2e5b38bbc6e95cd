import Foundation
import RapportCore
import Testing

@testable import RapportSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Collects the elements of an XML document as it is parsed.
final class XMLOutline: NSObject, XMLParserDelegate {
    var root: (name: String, namespace: String?)? = nil
    var entries: [[String: String]] = []
    var links: [String] = []
    private var current: [String: String]? = nil
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root == nil { root = (name, namespaceURI) }
        if name == "entry" { current = [:] }
        if name == "link", current != nil, let href = attributes["href"] { current?["link"] = href }
        if name == "link", current == nil, let href = attributes["href"] { links.append(href) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "entry", let entry = current {
            entries.append(entry)
            current = nil
        } else if current != nil, ["id", "title", "updated", "published", "summary", "content"].contains(name) {
            current?[name] = text
        }
    }

    /// Parses `text`; nil (and an issue) when it is not well-formed.
    static func parse(_ text: String) -> XMLOutline? {
        let outline = XMLOutline()
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = outline
        guard parser.parse() else {
            Issue.record("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
            return nil
        }
        return outline
    }
}

@Suite struct FeedTests {
    let portal: BuiltPortal

    init() throws {
        portal = try BuiltPortal(PortalFixture.files)
        try portal.build(asOf: PortalFixture.asOf)
    }

    @Test func feedIsWellFormedAtom() throws {
        let feed = try #require(XMLOutline.parse(portal.file("feed.xml")))
        #expect(feed.root?.name == "feed")
        #expect(feed.root?.namespace == "http://www.w3.org/2005/Atom")
        #expect(feed.links == ["https://portal.example.com/feed.xml", "https://portal.example.com/"])
        // Every entry has what RFC 4287 requires, and ids are unique.
        for entry in feed.entries {
            #expect(entry["id"]?.hasPrefix("https://portal.example.com/") == true)
            #expect(entry["title"]?.isEmpty == false)
            #expect(entry["updated"]?.hasSuffix("T00:00:00Z") == true)
        }
        #expect(Set(feed.entries.compactMap { $0["id"] }).count == feed.entries.count)
    }

    @Test func feedHoldsMeetingsDecisionsAndWinsUpToTheAsOfDateNewestFirst() throws {
        let feed = try #require(XMLOutline.parse(portal.file("feed.xml")))
        #expect(feed.entries.map { $0["title"] ?? "" } == [
            "Mid-March check-in",
            "Record week for first contact resolution",
            "March check-in",
            "Decision: Keep the Monday pack.",
            "Decision: Move the review to Thursdays.",
        ])
        #expect(feed.entries[3]["link"] == "https://portal.example.com/meetings/2026-03-02-check-in.html#decision-1")
        // The summary starts at the first paragraph and leaves headings out.
        #expect(feed.entries[2]["summary"]?.hasPrefix("We looked at the rota. Keep the Monday pack. Move the review to Thursdays. @ana Send the rota") == true)
        // The meeting page has the anchor the decision entry links to.
        #expect(portal.file("meetings/2026-03-02-check-in.html").contains("<li id=\"decision-2\">Move the review to Thursdays.</li>"))
    }

    @Test func feedAndSitemapLeaveOutInternalAndDraftNotes() {
        for route in ["feed.xml", "sitemap.xml"] {
            let text = portal.file(route)
            #expect(!text.contains("secret"))
            #expect(!text.contains("Internal pricing"))
            #expect(!text.contains("draft-win"))
        }
    }

    @Test func sitemapListsEveryPageButThe404() throws {
        let sitemap = try #require(XMLOutline.parse(portal.file("sitemap.xml")))
        #expect(sitemap.root?.name == "urlset")
        let text = portal.file("sitemap.xml")
        #expect(text.contains("<url><loc>https://portal.example.com/index.html</loc></url>"))
        #expect(text.contains("<url><loc>https://portal.example.com/kpis/backlog.html</loc></url>"))
        #expect(text.contains("<url><loc>https://portal.example.com/search/index.html</loc></url>"))
        #expect(!text.contains("404.html"))
    }

    @Test func withoutABaseURLThereIsNoFeedNoSitemapAndOneWarning() throws {
        let portal = try BuiltPortal(
            PortalFixture.files, portal: BuiltPortal.portal.replacingOccurrences(of: "base_url: https://portal.example.com/\n", with: ""))
        let report = try portal.build(asOf: PortalFixture.asOf)
        #expect(!portal.exists("feed.xml"))
        #expect(!portal.exists("sitemap.xml"))
        #expect(portal.exists("calendar.ics"))
        #expect(!portal.file("index.html").contains("application/atom+xml"))
        let warnings = report.diagnostics.filter { $0.message.hasPrefix("no base_url") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.path == portal.content + "/portal.yaml")
    }

    @Test func baseURLOptionOverridesPortalYAML() throws {
        var options = portal.options(asOf: PortalFixture.asOf)
        options.baseURL = BuildOptions.normalizedBaseURL("https://intranet.acme.example/partner")
        _ = try SiteBuilder.build(options)
        #expect(portal.file("feed.xml").contains("<id>https://intranet.acme.example/partner/</id>"))
        #expect(portal.file("404.html").contains("<link rel=\"stylesheet\" href=\"/partner/assets/rapport.css\">"))
        #expect(BuildOptions.normalizedBaseURL("ftp://x.example/") == nil)
    }
}
