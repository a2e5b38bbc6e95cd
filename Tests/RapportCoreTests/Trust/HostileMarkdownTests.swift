import Foundation
import Markdown
import Testing

@testable import RapportCore

/// Markdown built to hurt the extraction of tasks, decisions and links: nesting far past
/// any real note, on a thread with a small stack; a megabyte line of links; the same link
/// twice; and links in every disguise a browser would still run.
@Suite struct HostileMarkdownTests {
    /// Runs `work` on a thread with a 512 KB stack (like a worker thread) and waits.
    private func onSmallStack<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return box.value!
    }

    @Test func aHundredThousandNestedListsAndQuotesAreReadWithoutRecursion() {
        let text = String(repeating: "- ", count: 100_000) + "deep item\n\n" + String(repeating: "> ", count: 100_000) + "deep quote\n"
        let plain = onSmallStack { MarkdownDocument(text).plainText() }
        #expect(plain == "deep item deep quote")
    }

    @Test func aTaskAThousandListsDeepIsAnActionAndOneInAQuoteIsNot() {
        var lines = ""
        for level in 0..<1_000 { lines += String(repeating: "  ", count: level) + "- level \(level)\n" }
        let text = lines + String(repeating: "  ", count: 1_000) + "- [x] @ana The deepest task\n\n> > - [ ] @raj Quoted\n"
        let tasks = onSmallStack { MarkdownDocument(text).taskItems() }
        #expect(tasks == [TaskItem(line: 1_001, column: 2_001, isChecked: true, text: "@ana The deepest task")])
    }

    @Test func theSameLinkTwiceIsReportedAtEachPlace() {
        let links = MarkdownDocument("A [x](../m.md) and [y](../m.md),\nthen [z](../m.md).\n").links()
        #expect(links.map { "\($0.line):\($0.column)" } == ["1:7", "1:24", "2:10"])
    }

    @Test func aReferenceLinkIsReportedAtItsDefinition() {
        let links = MarkdownDocument("See [a][r] and [b](https://b.example).\n\n[r]: https://a.example\n").links()
        #expect(links.map { "\($0.line):\($0.column)" } == ["3:6", "1:20"])
    }

    @Test func aMegabyteLineOfLinksIsLocatedInLinearTime() {
        let count = 50_000
        let text = (0..<count).map { "[\($0)](https://example.com/\($0))" }.joined(separator: " ") + "\n"
        let clock = ContinuousClock()
        let start = clock.now
        let links = MarkdownDocument(text).links()
        // Searching from the block's start for each link took minutes for this line.
        #expect(clock.now - start < .seconds(60))
        #expect(links.count == count)
        let last = text.utf8.count - "https://example.com/49999)\n".utf8.count + 1
        #expect(links.last.map { "\($0.line):\($0.column)" } == "1:\(last)")
    }

    /// Destinations that run code once a browser has dropped white space and control
    /// characters and lower-cased the scheme.
    @Test(arguments: [
        ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:alert(1)", "javascript"), (" javascript:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"), ("java\nscript:alert(1)", "javascript"), ("\u{1}javascript:alert(1)", "javascript"),
        ("vbscript:msgbox(1)", "vbscript"), ("data:text/html,x", "data"), ("file:///etc/passwd", "file"),
    ])
    func aDisguisedSchemeIsSeenForWhatItIs(destination: String, scheme: String) {
        #expect(LinkResolver.scheme(of: destination) == scheme)
        #expect(!LinkResolver.safeSchemes.contains(scheme))
    }

    @Test func relativeDestinationsHaveNoSchemeAndPercentEncodedOnesAreNotTrusted() {
        for destination in ["../wins/x.md", "x.md#a:b", "dir/a:b.md", "?q=a:b", "#top"] {
            #expect(LinkResolver.scheme(of: destination) == nil, "\(destination)")
        }
        // A browser reads this as a relative path; Rapport drops it all the same.
        #expect(LinkResolver.scheme(of: "%6A%61vascript:alert(1)") == "%6a%61vascript")
    }

    @Test func everyUnsafeLinkIsDroppedWithAWarningAtItsPlace() throws {
        let note = """
            ---
            title: Links
            ---
            [a](javascript:alert(1)) [b](JAVASCRIPT:alert(2)) [c](vbscript:x) [d](data:text/html,x)
            [e](java&#9;script:alert(3)) <javascript:alert(4)> [f][r] [g](file:///etc/passwd)

            [r]: javascript:alert(5)
            """
        let result = try ContentFolder(["pages/p.md": note]).load()
        let warning = "warning: unsafe link"
        #expect(
            result.lines == [
                // The tab is written as an entity, so the text cmark reports is nowhere in the
                // file: the warning names the start of the paragraph.
                "content/pages/p.md:4:1: \(warning) 'javascript:…' removed; its text is kept",
                "content/pages/p.md:4:5: \(warning) 'javascript:…' removed; its text is kept",
                "content/pages/p.md:4:30: \(warning) 'javascript:…' removed; its text is kept",
                "content/pages/p.md:4:55: \(warning) 'vbscript:…' removed; its text is kept",
                "content/pages/p.md:4:71: \(warning) 'data:…' removed; its text is kept",
                "content/pages/p.md:5:31: \(warning) 'javascript:…' removed; its text is kept",
                "content/pages/p.md:5:63: \(warning) 'file:…' removed; its text is kept",
                "content/pages/p.md:7:6: \(warning) 'javascript:…' removed; its text is kept",
            ])
        #expect(result.portal?.notes.first?.body.html == "<p>a b c d\ne javascript:alert(4) f g</p>\n")
    }
}

/// The result of work done on another thread, read after it signalled.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T? = nil
}
