import Foundation
import RapportCore
import RapportSite
import Testing

/// Whatever a note says, it reaches pages as text: titles and values escaped by the
/// templates, bodies through cmark-gfm's safe mode.
@Suite struct EscapingTests {
    private static let hostile: [String: String] = [
        "meetings/2026-04-07-x.md": """
            ---
            title: <script>alert(1)</script>
            date: 2026-04-07
            tags: ["<b>tag</b>"]
            ---

            Body <script>alert(2)</script> and <img src=x onerror=alert(3)>.

            <iframe src="https://evil.example"></iframe>

            [click](javascript:alert(4)) and [fine](https://example.com/?a=1&b=2)

            - [ ] @ana check the <b>bold</b> & "quoted" text (due 2026-04-10)

            ## Decisions

            - Use <em>raw</em> & "quotes"
            """,
        "wins/2026-04-08-y.md": "---\ntitle: Tom & Jerry's \"win\" > all\ndate: 2026-04-08\n---\n\nThanks.\n",
    ]

    @Test func aTitleIsEscapedOnEveryPageThatShowsIt() throws {
        let fixture = try SiteFixture(Self.hostile)
        try fixture.build()
        let page = try #require(fixture.page("meetings/2026-04-07-x.html"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Every file a browser may read as markup; a calendar (.ics) carries plain text by design.
        for (route, data) in fixture.files() where !route.hasSuffix(".ics") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert("), "raw script in \(route)")
            #expect(!text.contains("onerror=alert"), "raw attribute in \(route)")
            #expect(!text.contains("<iframe"), "raw iframe in \(route)")
            #expect(!text.contains("javascript:"), "javascript: link in \(route)")
            #expect(!text.contains("<b>bold</b>") && !text.contains("<b>tag</b>"), "raw <b> in \(route)")
        }
        let list = try #require(fixture.page("meetings/index.html"))
        #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func quotesAndAmpersandsAreEscapedToo() throws {
        let fixture = try SiteFixture(Self.hostile)
        try fixture.build()
        let page = try #require(fixture.page("wins/2026-04-08-y.html"))
        #expect(page.contains("Tom &amp; Jerry"))
        #expect(!page.contains("Tom & Jerry"))
        #expect(page.contains("&gt; all"))
    }

    @Test func rawHTMLInABodyIsDroppedAndUnsafeLinksLoseTheirTarget() throws {
        let fixture = try SiteFixture(Self.hostile)
        let report = try fixture.build()
        let page = try #require(fixture.page("meetings/2026-04-07-x.html"))
        #expect(page.contains("<p>Body <!-- raw HTML omitted -->alert(2)<!-- raw HTML omitted --> and <!-- raw HTML omitted -->.</p>"))
        #expect(page.contains("<p>click and <a href=\"https://example.com/?a=1&amp;b=2\">fine</a></p>"))
        #expect(
            report.lines.contains(
                "\(fixture.content)/meetings/2026-04-07-x.md:11:9: warning: unsafe link 'javascript:…' removed; its text is kept"))
    }

    @Test func actionAndDecisionTextIsEscapedInPagesAndJSON() throws {
        let fixture = try SiteFixture(Self.hostile)
        try fixture.build()
        let actions = try #require(fixture.page("actions/index.html"))
        #expect(actions.contains("@ana check the bold &amp; &quot;quoted&quot; text"))
        let decisions = try #require(fixture.page("decisions/index.html"))
        #expect(decisions.contains("Use raw &amp; &quot;quotes&quot;"))
        let json = try #require(fixture.page("api/actions.json"))
        #expect(json.contains("\"text\": \"@ana check the bold \\u0026 \\\"quoted\\\" text (due 2026-04-10)\""))
        let kpis = try #require(fixture.page("api/decisions.json"))
        #expect(kpis.contains("\"text\": \"Use raw \\u0026 \\\"quotes\\\"\""))
    }

    @Test func aTitleThatLooksLikeAScriptStaysTextInTheJSON() throws {
        let fixture = try SiteFixture([
            "kpis/k.md": "---\ntitle: </script><script>alert(5)</script>\nmeasurements:\n  2026-01: 1\n---\n"
        ])
        try fixture.build()
        let json = try #require(fixture.page("api/kpis.json"))
        #expect(json.contains("\"title\": \"\\u003c/script\\u003e\\u003cscript\\u003ealert(5)\\u003c/script\\u003e\""))
    }
}
