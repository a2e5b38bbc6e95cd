import CMarkGFM
import Foundation

/// A thin, non-owning view of one cmark-gfm node.
struct Node {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var parent: Node? { cmark_node_parent(pointer).map(Node.init) }
    var firstChild: Node? { cmark_node_first_child(pointer).map(Node.init) }
    var next: Node? { cmark_node_next(pointer).map(Node.init) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }
    var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    var children: [Node] {
        var out: [Node] = []
        var child = firstChild
        while let node = child {
            out.append(node)
            child = node.next
        }
        return out
    }

    /// True for a list item the tasklist extension took (`- [ ] …`); its type name is
    /// compared in C, without making a `String` of it.
    var isTaskItem: Bool { type == CMARK_NODE_ITEM && strcmp(cmark_node_get_type_string(pointer), "tasklist") == 0 }

    /// The first child of type `type`, found without collecting the children.
    func firstChild(ofType type: cmark_node_type) -> Node? {
        var child = firstChild
        while let node = child, node.type != type { child = node.next }
        return child
    }

    /// True when the node sits inside a block quote.
    var isInBlockQuote: Bool {
        var ancestor = parent
        while let node = ancestor {
            if node.type == CMARK_NODE_BLOCK_QUOTE { return true }
            ancestor = node.parent
        }
        return false
    }

    /// The UTF-8 text of the node with inline markup removed. Soft and hard breaks become a
    /// space; raw HTML is dropped. With `includingBlocks`, the text of nested blocks is
    /// joined with spaces.
    func plainTextBytes(includingBlocks: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        appendPlainText(includingBlocks: includingBlocks, to: &out)
        return out
    }

    /// Appends `plainTextBytes(includingBlocks:)` to `out`: one buffer for the
    /// whole text, rather than a `String` per literal and `Character` appends.
    ///
    /// Walks the subtree with cmark's iterator, not by recursion: a note may nest lists or
    /// block quotes thousands deep (`- - - - … x`), which overflowed the stack of the worker
    /// thread parsing it.
    func appendPlainText(includingBlocks: Bool, to out: inout [UInt8]) {
        let start = out.count
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            // Containers are handled when entered; leaves are only ever entered.
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let node = Node(current)
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                node.appendLiteral(to: &out)
            case CMARK_NODE_CODE_BLOCK:
                if includingBlocks {
                    Node.separate(&out, from: start)
                    node.appendLiteral(to: &out)
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out.append(0x20)
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
                break
            default:
                let isBlock = node.type.rawValue & 0xC000 == 0x8000
                if isBlock && node.type != CMARK_NODE_DOCUMENT { Node.separate(&out, from: start) }
            }
        }
    }

    /// Appends the node's literal as `String(cString:)` reads it. ASCII bytes are copied
    /// as they are; a literal with any other byte goes through `String(cString:)`, so that
    /// text the C side left invalid is repaired exactly as before, one literal at a time.
    private func appendLiteral(to out: inout [UInt8]) {
        guard let literal = cmark_node_get_literal(pointer) else { return }
        let length = strlen(literal)
        let bytes = UnsafeRawBufferPointer(start: literal, count: length)
        if Node.isASCII(bytes) {
            out.append(contentsOf: bytes)
        } else {
            out.append(contentsOf: String(cString: literal).utf8)
        }
    }

    /// Whether every byte is below 0x80, read eight at a time (a note's text is mostly
    /// literals of a few dozen bytes, every one of them tested).
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var high: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            high |= bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            high |= UInt64(bytes[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Adds a space to the text begun at `start` unless it is empty or its last
    /// `Character` is a space. A final space byte after an ASCII byte is a `Character` of
    /// its own (no grapheme rule joins the two); after any other byte it may belong to a
    /// longer cluster (`"\u{600} "` is one `Character`), so the text is decoded to ask.
    static func separate(_ out: inout [UInt8], from start: Int) {
        guard let last = out.last, out.count > start else { return }
        if last == 0x20 {
            if out.count - 1 == start || out[out.count - 2] < 0x80 { return }
            if String(decoding: out[start...], as: UTF8.self).last == " " { return }
        }
        out.append(0x20)
    }
}
