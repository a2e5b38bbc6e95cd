import Foundation
import Testing

@testable import RapportSite

/// How a pack cuts its narrative: the priorities section out of the summary, the summary's
/// own heading dropped, `{{kpi:…}}` replaced. The cuts are made on bytes; these tests pin
/// them on examples and against the Foundation version they replaced.
@Suite struct NarrativeHTMLTests {
    @Test func prioritiesRunToTheNextHeadingOfTheSameLevel() {
        let html = "<h2>Highlights</h2>\n<p>Good.</p>\n<h2>Priorities for next quarter</h2>\n<ol>\n<li>Hire</li>\n</ol>\n<h3>Detail</h3>\n<p>More.</p>\n<h2>Risks</h2>\n<p>Few.</p>\n"
        let (summary, priorities) = HTMLText.splitPriorities(html)
        #expect(summary == "<h2>Highlights</h2>\n<p>Good.</p>\n<h2>Risks</h2>\n<p>Few.</p>\n")
        #expect(priorities == "<ol>\n<li>Hire</li>\n</ol>\n<h3>Detail</h3>\n<p>More.</p>\n")
    }

    @Test func aSectionOfWhiteSpaceIsNoSection() {
        let (summary, priorities) = HTMLText.splitPriorities("<p>é</p>\n<h3 id=\"x\">What comes <em>next quarter</em></h3>\n \u{2003}\n")
        #expect(summary == "<p>é</p>\n")
        #expect(priorities == nil)
    }

    @Test func onlyHeadingsAtTheStartOfALineUpToLevelThreeCount() {
        let inline = "<p>x <h2>Priorities</h2></p>\n<h4>Priorities</h4>\n<p>y</p>\n<hr />\n"
        #expect(HTMLText.splitPriorities(inline).summary == inline)
        #expect(HTMLText.splitPriorities(inline).priorities == nil)
    }

    @Test func theSummaryLosesItsOwnHeadingOnly() {
        #expect(HTMLText.dropLeadingHeading("\n<h2>Executive Summary</h2>\n<p>Text</p>\n", containing: "summary") == "<p>Text</p>\n")
        #expect(HTMLText.dropLeadingHeading("<p>Lead</p>\n<h2>Summary</h2>\n", containing: "summary") == "<p>Lead</p>\n<h2>Summary</h2>\n")
        #expect(HTMLText.dropLeadingHeading("<h2>Highlights</h2>\n<p>x</p>\n", containing: "summary") == "<h2>Highlights</h2>\n<p>x</p>\n")
    }

    @Test func citationsAreReplacedWithTheirTrimmedID() {
        let replaced = HTMLText.replaceCitations("<p>SL {{kpi: service-level }} and {{kpi:csat}}; {{kpi:open</p>") { "[\($0)]" }
        #expect(replaced == "<p>SL [service-level] and [csat]; {{kpi:open</p>")
    }

    /// Random narratives from the pieces the cuts look at, other text among them, give what
    /// the Foundation version gave.
    @Test func cutsMatchTheFoundationVersion() {
        let pieces = [
            "<h1>", "<h2>", "<h3>", "<h4>", "<h2 id=\"p\">", "</h1>", "</h2>", "</h3>", "</h4>", "\n", "<p>", "</p>", "<hr />",
            "Priorities", "next quarter", "Executive summary", "Summary", "text", " ", "\u{2003}", "é", "✅", "<em>", "</em>",
            "{{kpi:", "}}", " csat ", "<h", "<h7>", "<", ">",
        ]
        var random = SplitMix(seed: 7)
        for _ in 0..<3_000 {
            let html = (0..<random.next(upTo: 40)).map { _ in pieces[random.next(upTo: pieces.count)] }.joined()
            let (summary, priorities) = HTMLText.splitPriorities(html)
            let expected = FoundationNarrative.splitPriorities(html)
            #expect(summary == expected.summary && priorities == expected.priorities, "\(html.debugDescription)")
            #expect(
                HTMLText.dropLeadingHeading(html, containing: "summary") == FoundationNarrative.dropLeadingHeading(html, containing: "summary"),
                "\(html.debugDescription)")
            #expect(
                HTMLText.replaceCitations(html) { "<\($0)>" } == FoundationNarrative.replaceCitations(html) { "<\($0)>" },
                "\(html.debugDescription)")
        }
    }
}

/// The cuts as they were made with Foundation's `range(of:)`, for comparison.
private enum FoundationNarrative {
    static func splitPriorities(_ html: String) -> (summary: String, priorities: String?) {
        let headings = headingRanges(html)
        guard let index = headings.firstIndex(where: { heading in
            let text = heading.text.lowercased()
            return heading.level <= 3 && (text.contains("priorit") || text.contains("next quarter"))
        }) else { return (html, nil) }
        let opening = headings[index]
        let closing = headings[(index + 1)...].first { $0.level <= opening.level }
        let sectionEnd = closing?.range.lowerBound ?? html.endIndex
        let summary = String(html[..<opening.range.lowerBound]) + String(html[sectionEnd...])
        let content = String(html[opening.range.upperBound..<sectionEnd])
        return (summary, content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : content)
    }

    static func headingRanges(_ html: String) -> [(level: Int, text: String, range: Range<String.Index>)] {
        var found: [(Int, String, Range<String.Index>)] = []
        var searchStart = html.startIndex
        while let open = html.range(of: "<h", range: searchStart..<html.endIndex) {
            searchStart = open.upperBound
            let atLineStart = open.lowerBound == html.startIndex || html[html.index(before: open.lowerBound)] == "\n"
            guard atLineStart, let levelCharacter = html[open.upperBound...].first,
                let level = levelCharacter.wholeNumberValue, (1...6).contains(level)
            else { continue }
            let afterLevel = html.index(after: open.upperBound)
            guard afterLevel < html.endIndex, html[afterLevel] == ">" || html[afterLevel] == " " else { continue }
            guard let close = html.range(of: "</h\(level)>", range: afterLevel..<html.endIndex),
                let tagEnd = html.range(of: ">", range: afterLevel..<close.lowerBound)
            else { continue }
            var end = close.upperBound
            if end < html.endIndex, html[end] == "\n" { end = html.index(after: end) }
            found.append((level, HTMLText.stripTags(String(html[tagEnd.upperBound..<close.lowerBound])), open.lowerBound..<end))
            searchStart = end
        }
        return found
    }

    static func dropLeadingHeading(_ html: String, containing word: String) -> String {
        let trimmed = html.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("<h"), let first = headingRanges(String(trimmed)).first,
            first.range.lowerBound == String(trimmed).startIndex, first.text.lowercased().contains(word)
        else { return html }
        let text = String(trimmed)
        return String(text[first.range.upperBound...])
    }

    static func replaceCitations(_ html: String, _ render: (String) -> String) -> String {
        guard html.contains("{{kpi:") else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: "{{kpi:") {
            guard let end = rest[start.upperBound...].range(of: "}}") else { break }
            out += rest[..<start.lowerBound]
            out += render(String(rest[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespaces))
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
