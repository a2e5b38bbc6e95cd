import Markdown
import Testing

/// Links between notes are rewritten in the syntax tree before HTML is made.
@Suite struct LinkRewriteTests {
    @Test func linksAreFoundInDocumentOrderWithTheirPositions() {
        let document = MarkdownDocument(
            """
            Intro with [a win](../wins/x.md) and ![chart](img/chart.png).

            - item [the page](../pages/contacts.md#team)
            """)
        let links = document.links()
        #expect(links.map(\.destination) == ["../wins/x.md", "img/chart.png", "../pages/contacts.md#team"])
        #expect(links.map(\.isImage) == [false, true, false])
        #expect(links.map(\.line) == [1, 1, 3])
        #expect(links.map(\.column) == [20, 47, 19])
    }

    /// Links, images and task items are found in one walk and kept; rewriting links frees
    /// the unlinked nodes, so what is read after it comes from the tree as it is then.
    @Test func readingAfterARewriteSeesTheRewrittenTree() {
        let document = MarkdownDocument("- [x] see [a](../wins/a.md)\n- [ ] and ![chart](img/c.png) [b](../wins/b.md)\n")
        #expect(document.links().map(\.destination) == ["../wins/a.md", "img/c.png", "../wins/b.md"])
        #expect(document.taskItems().map(\.text) == ["see a", "and chart b"])
        var seen: [String] = []
        document.rewriteLinks { destination in
            seen.append(destination)
            return destination.hasSuffix("a.md") ? .unlink : .replace("../wins/b.html")
        }
        #expect(seen == ["../wins/a.md", "../wins/b.md"])
        #expect(document.links().map(\.destination) == ["img/c.png", "../wins/b.html"])
        #expect(document.taskItems(correctingCheckboxes: true).map(\.isChecked) == [true, false])
        #expect(document.taskItems().map(\.text) == ["see a", "and chart b"])
        #expect(document.html().contains("see a</li>") && document.html().contains("href=\"../wins/b.html\""))
    }

    @Test func keepLeavesTheLinkAsWritten() {
        let document = MarkdownDocument("See [the win](../wins/x.md).\n")
        document.rewriteLinks { _ in .keep }
        #expect(document.html() == "<p>See <a href=\"../wins/x.md\">the win</a>.</p>\n")
    }

    @Test func replaceSetsANewDestination() {
        let document = MarkdownDocument("See [the win](../wins/x.md) and [site](https://example.com).\n")
        var seen: [String] = []
        document.rewriteLinks { destination in
            seen.append(destination)
            return destination.hasSuffix(".md") ? .replace("../wins/x.html") : .keep
        }
        #expect(seen == ["../wins/x.md", "https://example.com"])
        #expect(
            document.html()
                == "<p>See <a href=\"../wins/x.html\">the win</a> and <a href=\"https://example.com\">site</a>.</p>\n")
    }

    @Test func unlinkKeepsTheLabelWithItsMarkup() {
        let document = MarkdownDocument("Before [a **bold** label](../wins/secret.md) after.\n")
        document.rewriteLinks { _ in .unlink }
        #expect(document.html() == "<p>Before a <strong>bold</strong> label after.</p>\n")
        #expect(document.plainText() == "Before a bold label after.")
        #expect(!document.html().contains("secret"))
    }

    @Test func imagesAreNotOfferedForRewriting() {
        let document = MarkdownDocument("![chart](chart.md) and [note](note.md)\n")
        var seen: [String] = []
        document.rewriteLinks { destination in
            seen.append(destination)
            return .unlink
        }
        #expect(seen == ["note.md"])
        #expect(document.html() == "<p><img src=\"chart.md\" alt=\"chart\" /> and note</p>\n")
    }

    @Test func autolinksAreLinksToo() {
        let document = MarkdownDocument("Visit https://example.com/a and <https://example.org>.\n")
        #expect(document.links().map(\.destination) == ["https://example.com/a", "https://example.org"])
    }

    @Test func eachDecisionAppliesToItsOwnLink() {
        let document = MarkdownDocument("[one](1.md) [two](2.md) [three](3.md)\n")
        document.rewriteLinks { destination in
            switch destination {
            case "1.md": return .replace("one.html")
            case "2.md": return .unlink
            default: return .keep
            }
        }
        #expect(document.html() == "<p><a href=\"one.html\">one</a> two <a href=\"3.md\">three</a></p>\n")
    }
}
