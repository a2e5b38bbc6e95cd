import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Script tags, event handlers and `javascript:`, `vbscript:`, `data:` and `file:` links in
/// bodies, titles, tags, handles, `portal.yaml` names and CSV notes
/// (`Tests/Fixtures/xss-payloads`) never reach a page live: every HTML file, the HTML the
/// feed carries, the JSON and the calendar of a build are searched with `LiveMarkup`, and
/// the places that show the payloads hold their exact escaped text.
@Suite struct XSSTests {
    let fixture: SiteFixture

    init() throws {
        fixture = try SiteFixture(copying: "xss-payloads")
        try fixture.build(asOf: "2026-05-01")
    }

    @Test func noPageHoldsLiveMarkup() throws {
        let files = fixture.files()
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 20)
        for route in pages {
            let html = String(decoding: files[route]!, as: UTF8.self)
            #expect(LiveMarkup.problems(in: html) == [], "\(route)")
        }
    }

    @Test func theCheckerFindsWhatItLooksFor() {
        // The checker itself must see a live payload, or the test above proves nothing.
        #expect(
            LiveMarkup.problems(
                in: "<p>x</p><script>alert(1)</script><img src=x onerror=alert(2)><a href=\"java&#x09;script:alert(3)\">a</a>"
                    + "<a href='&#106;avascript:x'>b</a><iframe src=\"https://x\"></iframe><img src=\"data:image/svg+xml,x\">"
                    + "<svg onload=alert(4)></svg><a href=\"vbscript:x\">c</a><a href=\"DATA:text/html,x\">d</a>"
            ) == [
                "<script> element", "onerror= on <img>", "href=\"java&#x09;script:alert(3)\" on <a>", "href=\"&#106;avascript:x\" on <a>",
                "<iframe> element", "src=\"data:image/svg+xml,x\" on <img>", "onload= on <svg>", "href=\"vbscript:x\" on <a>",
                "href=\"DATA:text/html,x\" on <a>",
            ])
        #expect(LiveMarkup.problems(in: "<img src=\"data:image/png;base64,AAAA\" alt=\"\" /><!-- <script> -->&lt;script&gt;") == [])
    }

    @Test func theFeedCarriesNoLiveMarkupInItsHTML() throws {
        let feed = try #require(fixture.page("feed.xml"))
        var rest = Substring(feed)
        var contents = 0
        while let open = rest.range(of: "<content type=\"html\""), let start = rest[open.upperBound...].firstIndex(of: ">"),
            let close = rest[start...].range(of: "</content>")
        {
            // The feed reader decodes the XML text and renders the result as HTML.
            let html = LiveMarkup.decodingEntities(String(rest[rest.index(after: start)..<close.lowerBound]))
            #expect(LiveMarkup.problems(in: html) == [])
            contents += 1
            rest = rest[close.upperBound...]
        }
        #expect(contents == 2)
        #expect(LiveMarkup.problems(in: feed) == [])
    }

    @Test func dataFilesHoldNoRawAngleBracket() throws {
        for route in ["api/kpis.json", "api/actions.json", "api/decisions.json", "search/index.json", "search/index.js"] {
            let text = try #require(fixture.page(route))
            #expect(text.contains("xss-"), "\(route) holds no payload, so this proves nothing")
            #expect(!text.contains("<") && !text.contains(">"), "\(route)")
        }
        #expect(fixture.page("api/quarters.json")?.contains("<") == false)
    }

    @Test func theCalendarHoldsOnlyItsOwnProperties() throws {
        let calendar = try #require(fixture.page("calendar.ics"))
        // Unfold (RFC 5545 3.1): no payload may start a line of its own.
        let lines = calendar.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let names = Set(lines.map { String($0.prefix { $0 != ":" && $0 != ";" }) })
        #expect(
            names == [
                "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-CALDESC", "UID", "DTSTAMP",
                "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "URL", "TRANSP",
            ])
        #expect(calendar.count(of: "BEGIN:VEVENT") == 1)
    }

    @Test func payloadsReadAsTextWhereTheyAreShown() throws {
        let meeting = try #require(fixture.page("meetings/2026-04-07-xss.html"))
        #expect(meeting.contains(
            "<title>&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt; · &lt;/title&gt;&lt;script&gt;alert(&#39;xss-portal-title&#39;)&lt;/script&gt;</title>"))
        #expect(meeting.contains("<span class=\"person\">@&quot;&gt;&lt;img src=x onerror=alert(&#39;xss-handle&#39;)&gt;</span>"))
        #expect(meeting.contains(
            "<p>Body <!-- raw HTML omitted -->alert('xss-body')<!-- raw HTML omitted --> and &lt;img src=x onerror=alert('xss-img')&gt; and\n<!-- raw HTML omitted -->raw<!-- raw HTML omitted -->.</p>"))
        #expect(meeting.contains(
            "<p>Links: one, two,\nthree, four,\nfive, six,\nseven, eight, javascript:alert('xss-9'),\nten, eleven,\ntwelve,\nthirteen, <img src=\"\" alt=\"fourteen\" />,"))
        #expect(meeting.contains("&lt;img src=x onerror=alert(&#39;xss-tag&#39;)&gt;</a>"))
        let kpi = try #require(fixture.page("kpis/xss.html"))
        #expect(kpi.contains("&lt;script&gt;alert(&#39;xss-csv&#39;)&lt;/script&gt;"))
        #expect(kpi.contains("&lt;img src=x onerror=alert(1)&gt;"))
        let pack = try #require(fixture.page("qbr/2026-Q2/index.html"))
        #expect(pack.contains(
            "@page { @top-left { content: \"\\3c /style\\3e \\3c script\\3e alert('xss-short')\\3c /script\\3e  × ' onfocus='alert(1) · QBR 2026-Q2\";"))
        let people = try #require(fixture.page("people/index.html"))
        #expect(people.contains("&lt;b onmouseover=alert(&#39;xss-role&#39;)&gt;lead&lt;/b&gt;"))
    }

    /// `base_url` values (YAML double-quoted) that would close an attribute or start a
    /// calendar property of their own.
    @Test(arguments: [
        #""https://portal.example.com/\"><script>alert(1)</script>/""#, #""https://portal.example.com/\r\nBEGIN:VEVENT""#,
        "https://portal.example.com/a b/", #""https://portal.example.com/<x>""#,
    ])
    func aBaseURLThatCouldBreakOutIsAnError(url: String) throws {
        let fixture = try SiteFixture.builtHostileBase()
        let portal = try String(contentsOfFile: fixture.content + "/portal.yaml", encoding: .utf8)
        try fixture.write("portal.yaml", portal.replacingOccurrences(of: "base_url: https://portal.example.com/", with: "base_url: \(url)"))
        fixture.expectRejected([
            "portal.yaml:8:11: error: 'base_url' must be a URL without spaces, line breaks, quotes, angle brackets or backslashes"
        ])
    }
}
