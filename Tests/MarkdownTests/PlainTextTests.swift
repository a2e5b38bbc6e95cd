import CMarkGFM
import Testing

@testable import Markdown

/// Plain text built on UTF-8 bytes must equal the text the `Character`-based walk built.
@Suite struct PlainTextTests {
    static let documents = [
        "# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n\n```\nblock\n```\n",
        "line one\nline two  \nhard break\\\nend",
        "<div>raw</div>\n\ntext <b>inline</b> html",
        "> quoted\n> - [ ] task\n\n1. first\n   nested para\n2. second",
        // A space after a prepended mark (U+0600) is part of its `Character`.
        "\u{600} \n\n```\nx\n```", "`\u{600} `\n\n> y", "&#1536; \n\n---\n\nz",
        "a\u{301} b\n\n# c\u{301}", " \u{301}x\n\n- y", "tab\there\n\n|a|b|\n|-|-|\n|\u{600} |d|",
        "crlf\r\nline\r\n\r\n# head\r\n", "&eacute;&amp;&#0;&#xD800;\n\n- x", "é \n\n```\n\u{600} \n```\n",
        "- - - - deep\n\n> > > quote", "", "   ", "\u{0}nul", "**\u{600}** \n\n# x",
    ]

    @Test(arguments: documents)
    func documentTextMatchesTheCharacterWalk(markdown: String) {
        let document = MarkdownDocument(markdown)
        #expect(document.plainText() == Self.characterDocumentText(document))
    }

    @Test(arguments: documents)
    func nodeTextMatchesTheCharacterWalk(markdown: String) {
        let document = MarkdownDocument(markdown)
        document.walk { node in
            for includingBlocks in [false, true] {
                #expect(
                    String(decoding: node.plainTextBytes(includingBlocks: includingBlocks), as: UTF8.self)
                        == Self.characterText(node, includingBlocks: includingBlocks))
            }
        }
    }

    /// The document's text as it was built before, with `String` appends.
    static func characterDocumentText(_ document: MarkdownDocument) -> String {
        var out = ""
        for block in Node(document.root).children {
            let text = characterText(block, includingBlocks: true)
            if !text.isEmpty {
                if !out.isEmpty { out += " " }
                out += text
            }
        }
        return out
    }

    /// A node's text as it was built before, with `String` appends and a `Character` test
    /// for the separating space.
    static func characterText(_ root: Node, includingBlocks: Bool) -> String {
        func separate(_ out: inout String) { if let last = out.last, last != " " { out += " " } }
        var out = ""
        guard let iterator = cmark_iter_new(root.pointer) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let node = Node(current)
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                out += node.literal ?? ""
            case CMARK_NODE_CODE_BLOCK:
                if includingBlocks { separate(&out); out += node.literal ?? "" }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                break
            default:
                let isBlock = node.type.rawValue & 0xC000 == 0x8000
                if isBlock && node.type != CMARK_NODE_DOCUMENT { separate(&out) }
            }
        }
        return out
    }
}

/// The eight-at-a-time ASCII test agrees with testing each byte, at every length and
/// position of a non-ASCII byte.
@Suite struct ASCIITestTests {
    @Test func agreesWithTestingEachByte() {
        for length in 0..<40 {
            for high in [nil] + Array(0..<length) {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                if let high { bytes[high] = 0xC3 }
                let expected = bytes.allSatisfy { $0 < 0x80 }
                #expect(bytes.withUnsafeBytes { Node.isASCII($0) } == expected, "length \(length), high byte at \(String(describing: high))")
            }
        }
        #expect(Node.isASCII(UnsafeRawBufferPointer(start: nil, count: 0)))
    }
}
