import CMarkGFM
import Foundation
import Testing

@testable import Markdown

/// The autolink extension is attached only to a text that could hold an autolink; every
/// other text must come out exactly as it would with the extension: the same tree (kinds,
/// text and source positions), HTML, plain text, links, tasks and decisions.
@Suite struct AutolinkAttachmentTests {
    private static func mayHold(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { MarkdownDocument.mayHoldAutolink($0) }
    }

    @Test func textsThatCouldHoldAnAutolink() {
        #expect(Self.mayHold("see https://example.com"))
        #expect(Self.mayHold("see HTTP://EXAMPLE.COM"))
        #expect(Self.mayHold("ftp://x"))
        #expect(Self.mayHold("go to www.example.org"))
        #expect(Self.mayHold("write to ana@acme.com"))
        #expect(Self.mayHold("x@y"))
        #expect(Self.mayHold("first.last+tag@acme.com"))
        #expect(Self.mayHold("a_@b"))
        // The e-mail search reads the parsed text: entities and escapes make an `@`, or the
        // letter before it.
        #expect(Self.mayHold("write to a&#64;acme.com"))
        #expect(Self.mayHold("write to a&#x40;acme.com"))
        #expect(Self.mayHold("write to a&commat;acme.com"))
        #expect(Self.mayHold("write to a\\@acme.com"))
        #expect(Self.mayHold("write to x&#97;@acme.com"))
    }

    @Test func textsThatCannot() {
        #expect(!Self.mayHold(""))
        #expect(!Self.mayHold("@raj will follow up (@ana too)"))
        #expect(!Self.mayHold("@"))
        #expect(!Self.mayHold("Agenda: who, what, when; ratio 3:1 // comment"))
        #expect(!Self.mayHold("WWW.EXAMPLE.ORG and ww.example and wwwx"))
        #expect(!Self.mayHold("mailto: nobody, http: nothing, : //"))
        #expect(!Self.mayHold("[a link](../wins/x.md) and <irc:chat> at 10:30"))
    }

    /// Everything a document yields, the tree included (cmark-gfm's XML with positions).
    private struct Yield: Equatable {
        let xml: String
        let html: String
        let plainText: String
        let links: [LinkReference]
        let tasks: [TaskItem]
        let decisions: [DecisionItem]
    }

    private static func yield(_ markdown: String, autolinks: Bool?) -> Yield {
        let document = MarkdownDocument(markdown, attachingAutolinks: autolinks)
        let raw = cmark_render_xml(document.root, CMARK_OPT_SOURCEPOS)!
        defer { free(raw) }
        return Yield(
            xml: String(cString: raw), html: document.html(), plainText: document.plainText(),
            links: document.links(), tasks: document.taskItems(), decisions: document.decisionItems())
    }

    /// Pieces of notes, with many `w`s and `:`s (the extension's characters), mentions,
    /// entities, escapes, emphasis, code, links, tables, tasks, strikethrough and HTML.
    private static let pieces = [
        "We will walk through the workflow: who owns what, and when.", "@raj will follow up with @ana_w",
        "**bold w** and _wide_ *words*", "`code: w@x` inline", "~~withdrawn~~ ~single~", "&amp; &copy; &quot;",
        "escaped \\* \\_ \\w \\:", "[a link](../wins/x.md \"title: w\")", "![an image](img/w.png)", "<span>w</span> <b>bold</b>",
        "line with trailing spaces   ", "hard break\\", "ratio 3:1, time 10:30", "(www) [ww.w] {w:w}", "wwww w.w.w",
        "ww.example.com", "w", ":", "\t:w:\t", "é ü 日本 w", "<irc:chat> in brackets", "<mailto:ana>", "Q&A",
    ]
    /// Pieces that may make an autolink: ways to an e-mail address the source does not spell
    /// out, and addresses that are one. A few documents have one.
    private static let linkPieces = [
        "ana&#64;acme.com", "ana&#x40;acme.com", "ana&commat;acme.com", "ana\\@acme.com", "x&#97;@acme.com",
        "ana@acme.com", "&amp;@acme.com", "https://example.com/a", "www.example.org", "&#119;ww.example.org", "&#169;",
    ]
    private static let blocks = [
        "# Heading: w", "## Decisions", "- [ ] @grace task: w (due 2026-03-17)", "- [x] done w", "1. first w\n2. second",
        "> quoted w: x\n> - [ ] in quote", "| w | x:y |\n|---|:-:|\n| ~~w~~ | `w` |", "```\ncode w:\n```", "---",
        "<div>\nraw w\n</div>", "    indented code w",
    ]

    private static func documents(count: Int) -> [String] {
        var state: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        return (0..<count).map { _ in
            (0..<(1 + next(8))).map { _ -> String in
                if next(3) == 0 { return blocks[next(blocks.count)] }
                return (0..<(1 + next(6))).map { _ in next(40) == 0 ? linkPieces[next(linkPieces.count)] : pieces[next(pieces.count)] }
                    .joined(separator: next(2) == 0 ? " " : "\n")
            }.joined(separator: "\n\n")
        }
    }

    /// Every document, whether or not the extension is attached to it, comes out as it does
    /// with the extension: those it is left out of have the same tree without it.
    @Test func withoutTheExtensionTheTreeIsTheSame() {
        let documents = Self.documents(count: 1_500)
        let without = documents.filter { !Self.mayHold($0) }
        #expect(without.count > 300 && without.count < documents.count - 300)
        var differing: [String] = []
        for markdown in documents where Self.yield(markdown, autolinks: nil) != Self.yield(markdown, autolinks: true) {
            differing.append(markdown)
        }
        #expect(differing.isEmpty, "\(differing.prefix(3))")
    }

    @Test func theDefaultAttachesTheExtensionWhereAnAutolinkCouldBe() {
        #expect(
            MarkdownDocument("Visit www.example.org, https://example.com/a or ana@acme.com.\n").html()
                == "<p>Visit <a href=\"http://www.example.org\">www.example.org</a>, "
                + "<a href=\"https://example.com/a\">https://example.com/a</a> or "
                + "<a href=\"mailto:ana@acme.com\">ana@acme.com</a>.</p>\n")
        #expect(MarkdownDocument("@raj will walk through it: www\n").html() == "<p>@raj will walk through it: www</p>\n")
    }
}
