import Testing

@testable import Markdown

/// Reading a document's source back by line, and folding extracted text, on bytes.
@Suite struct SourceTextTests {
    @Test func everyKindOfLineEndEndsOneLine() {
        let source = SourceText("a\r\nbé\rc\n\r\nd\n")
        #expect(source.bytes == Array("a\nbé\nc\n\nd\n".utf8))
        #expect(source.lineStarts == [0, 2, 6, 8, 9, 11])
        #expect(source.line(2) == 2..<5)
        #expect(source.line(6) == 11..<11)
        #expect(source.line(7) == nil)
        #expect(source.line(0) == nil)
        #expect(source.position(of: 10).line == 5)
        #expect(source.position(of: 10).column == 2)
    }

    @Test(arguments: ["", "\n", "a", "a\nbé\n\nc", "\n\nx\n", "no line end é"])
    func lineStartsWithoutCRAreEveryOffsetAfterALineFeed(text: String) {
        let source = SourceText(text)
        let afterLineFeeds = text.utf8.enumerated().filter { $0.element == 0x0A }.map { $0.offset + 1 }
        #expect(source.bytes == Array(text.utf8))
        #expect(source.lineStarts == [0] + afterLineFeeds)
    }

    @Test func taskMarkersAndLinksAreFoundOnTheLinesCmarkCounts() {
        let document = MarkdownDocument("Intro\r\n\r- [x] done\r\n- [ ] open [x](b.md)\r")
        #expect(document.taskItems().map(\.isChecked) == [true, false])
        #expect(document.taskItems().map(\.line) == [3, 4])
        let link = document.links().first
        #expect(link?.line == 4)
        #expect(link?.column == 16)
    }

    @Test(arguments: [
        "  two   words\t\n", "", " \t\n ", "one", "a\u{301} b", "space \u{301}accent", "tab\t\u{301}x",
        "crlf\r\nkept", "é  è", "ends with space ",
    ])
    func foldingAgreesWithSplittingByCharacters(text: String) {
        let byCharacters = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        #expect(collapseWhitespace(Array(text.utf8)) == byCharacters)
    }

    @Test(arguments: [
        "Decisions", "decisions", "DECISIONS", "DeCiSiOnS", "Decision", "Decisions ", "Decisions!", "D\u{301}ecisions",
        "Decİsions", "Décisions", "", "dEcIsIoNs\u{301}", "Decisions\r\n", "Decisions\u{0}",
    ])
    func decisionTitlesMatchLowerCasing(title: String) {
        #expect(isDecisionsTitle(title) == (title.lowercased() == "decisions"))
    }
}
