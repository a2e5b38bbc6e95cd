import Testing

@testable import RapportCore

/// A feedback note's `response:` is Markdown inside front matter: it is rendered like a
/// body, and problems in it are reported at the file's own line and column.
@Suite struct FeedbackResponseTests {
    private static func feedback(_ response: String) -> String {
        "---\ntitle: F\ndate: 2026-01-05\nfrom: client\nsentiment: positive\nstatus: addressed\n\(response)\n---\n\nBody.\n"
    }

    private func lines(_ response: String) throws -> [String] {
        try ContentFolder(["feedback/f.md": Self.feedback(response)]).load().lines
    }

    @Test func aLinkInABlockScalarIsReportedWhereItIsWritten() throws {
        #expect(
            try lines("response: |\n  We fixed it.\n  Tracked in [the change](../changes/gone.md).") == [
                "content/feedback/f.md:9:27: error: link to a note that does not exist: '../changes/gone.md'"
            ])
        #expect(
            try lines("response: >-\n\n    Folded, after a blank line, [x](gone.md).") == [
                "content/feedback/f.md:9:37: error: link to a note that does not exist: 'gone.md'"
            ])
    }

    @Test func aLinkInAPlainOrQuotedScalarIsReportedWhereItIsWritten() throws {
        #expect(
            try lines("response: See [x](../changes/gone.md).") == [
                "content/feedback/f.md:7:19: error: link to a note that does not exist: '../changes/gone.md'"
            ])
        #expect(
            try lines("response: \"See [x](../changes/gone.md).\"") == [
                "content/feedback/f.md:7:20: error: link to a note that does not exist: '../changes/gone.md'"
            ])
    }

    @Test func theResponseIsRenderedSafelyWithLinksToNotes() throws {
        let folder = try ContentFolder([
            "feedback/f.md": Self.feedback("response: |\n  **Done**: see [the change](../changes/c.md). <script>x()</script>"),
            "changes/c.md": "---\ntitle: C\ndate: 2026-01-06\n---\n",
        ])
        let result = folder.load()
        #expect(result.diagnostics.isEmpty)
        guard case .feedback(let details)? = result.portal?.note(NoteRef(kind: .feedback, id: "f"))?.details else {
            Issue.record("no feedback: \(result.lines)")
            return
        }
        #expect(
            details.responseHTML
                == "<p><strong>Done</strong>: see <a href=\"RAPPORT-ROOT/changes/c.html\">the change</a>. <!-- raw HTML omitted -->x()<!-- raw HTML omitted --></p>\n"
        )
        #expect(details.status == "addressed")
    }
}
