import Markdown
import Testing

/// Raw HTML never reaches a page, and unsafe link schemes are emptied (CONTENT-MODEL
/// "Visibility and bad input").
@Suite struct SafeModeTests {
    @Test func rawHTMLBlocksAreDropped() {
        let html = MarkdownDocument("<script>alert(1)</script>\n\nafter\n").html()
        #expect(html == "<!-- raw HTML omitted -->\n<p>after</p>\n")
    }

    @Test func inlineRawHTMLIsDropped() {
        let html = MarkdownDocument("a <b onclick=\"x()\">bold</b> <img src=x onerror=alert(1)> word\n").html()
        #expect(html == "<p>a <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> <!-- raw HTML omitted --> word</p>\n")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
    ])
    func unsafeLinkDestinationsAreEmptied(destination: String) {
        let html = MarkdownDocument("[click](\(destination))\n").html()
        #expect(html == "<p><a href=\"\">click</a></p>\n")
    }

    @Test func safeDestinationsAreKept() {
        let html = MarkdownDocument("[web](https://example.com/?a=1&b=2) [mail](mailto:ana@example.com)\n").html()
        #expect(
            html
                == "<p><a href=\"https://example.com/?a=1&amp;b=2\">web</a> <a href=\"mailto:ana@example.com\">mail</a></p>\n")
    }

    @Test func textThatLooksLikeHTMLIsEscaped() {
        let html = MarkdownDocument("Use `<b>` and 1 < 2 & 3 > 2\n").html()
        #expect(html == "<p>Use <code>&lt;b&gt;</code> and 1 &lt; 2 &amp; 3 &gt; 2</p>\n")
    }

    @Test func plainTextLeavesRawHTMLOut() {
        let document = MarkdownDocument("Hello <span>there</span>\n\n<div>block</div>\n\nend\n")
        #expect(document.plainText() == "Hello there end")
    }
}
