import Dispatch
import Markdown
import Synchronization
import Testing

/// cmark-gfm keeps a process-wide table of special characters that every parse changes
/// (github/cmark-gfm#221); the module fixes the table once and turns the library's changes
/// into nothing (or, failing that, serialises the inline pass with a lock). Parsing and
/// rendering many documents at once must give exactly the bytes a serial run gives.
@Suite struct ConcurrentParsingTests {
    /// The stress tests below run inline passes concurrently, not one at a time behind the
    /// fallback lock: the library's calls reach the module's override in this binary too.
    @Test func inlinePassesRunConcurrently() {
        #expect(MarkdownDocument.parsesConcurrently)
    }

    /// Everything one document yields, for comparing runs.
    private struct Rendered: Equatable, Sendable {
        let html: String
        let plainText: String
        let tasks: [TaskItem]
        let decisions: [DecisionItem]
    }

    private static func render(_ markdown: String) -> Rendered {
        let document = MarkdownDocument(markdown)
        let tasks = document.taskItems(correctingCheckboxes: true)
        return Rendered(
            html: document.html(), plainText: document.plainText(), tasks: tasks,
            decisions: document.decisionItems())
    }

    /// A varied document: strikethrough (whose `~` is the special character most often lost
    /// in a race), tables, autolinks, task items, decisions and emphasis.
    private static func document(_ index: Int) -> String {
        let word = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"][index % 7]
        var parts = ["# Note \(index)", "Some ~~struck \(word)~~ text, **strong** and _soft_ ~~\(index)~~."]
        if index % 2 == 0 {
            parts.append("| Metric | Value |\n|---|---:|\n| \(word) | \(index) |\n| ~~old~~ | \(index * 3) |")
        }
        if index % 3 == 0 { parts.append("Visit https://example.com/\(word)/\(index) or www.example.org/\(index).") }
        parts.append("- [\(index % 2 == 0 ? "x" : " ")] @raj task \(index) ~~maybe~~ (due 2026-03-\(10 + index % 18))")
        parts.append("- [ ] tick the [x] box \(word)\n  - [X] nested ~~\(word)~~")
        if index % 5 == 0 { parts.append("## Decisions\n\n- Decide ~~\(word)~~ \(index)\n  - detail") }
        if index % 7 == 0 { parts.append("```swift\nlet x = \"~~not struck~~\"\n```") }
        if index % 11 == 0 { parts.append("<script>alert(\(index))</script>\n\n[bad](javascript:alert(1))") }
        return parts.joined(separator: "\n\n") + "\n"
    }

    @Test func parallelParsingMatchesSerialParsingByteForByte() {
        let count = 2_000
        let documents = (0..<count).map(Self.document)
        let serial = documents.map(Self.render)
        // The serial run itself must render the strikethrough, or the comparison proves little.
        #expect(serial[0].html.contains("<del>struck alpha</del>"))
        #expect(serial[0].html.contains("<table>"))

        let parallel = Mutex([Rendered?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let rendered = Self.render(documents[index])
            parallel.withLock { $0[index] = rendered }
        }
        let results = parallel.withLock { $0 }
        var mismatches: [Int] = []
        for index in 0..<count where results[index] != serial[index] { mismatches.append(index) }
        #expect(mismatches.isEmpty, "documents rendered differently in parallel: \(mismatches.prefix(20))")
    }

    @Test func strikethroughSurvivesInEveryParallelParse() {
        let count = 2_000
        let lost = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let html = MarkdownDocument("~~gone \(index)~~ and ~~again~~\n").html()
            if html != "<p><del>gone \(index)</del> and <del>again</del></p>\n" { lost.withLock { $0 += 1 } }
        }
        #expect(lost.withLock { $0 } == 0)
    }
}
