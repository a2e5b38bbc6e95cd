import CMarkGFM

/// A thin, non-owning view of one cmark-gfm node.
struct Node {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var typeString: String { String(cString: cmark_node_get_type_string(pointer)) }
    var parent: Node? { cmark_node_parent(pointer).map(Node.init) }
    var firstChild: Node? { cmark_node_first_child(pointer).map(Node.init) }
    var next: Node? { cmark_node_next(pointer).map(Node.init) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
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

    var isTaskItem: Bool { type == CMARK_NODE_ITEM && typeString == "tasklist" }

    /// True when the node sits inside a block quote.
    var isInBlockQuote: Bool {
        var ancestor = parent
        while let node = ancestor {
            if node.type == CMARK_NODE_BLOCK_QUOTE { return true }
            ancestor = node.parent
        }
        return false
    }

    /// The text of the node with inline markup removed. Soft and hard breaks become a
    /// space; raw HTML is dropped. With `includingBlocks`, the text of nested blocks is
    /// joined with spaces.
    func plainText(includingBlocks: Bool = false) -> String {
        var out = ""
        appendPlainText(to: &out, includingBlocks: includingBlocks)
        return out
    }

    private func appendPlainText(to out: inout String, includingBlocks: Bool) {
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            out += literal ?? ""
        case CMARK_NODE_CODE_BLOCK:
            if includingBlocks { separate(&out); out += literal ?? "" }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            out += " "
        case CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
            break
        default:
            let isBlock = type.rawValue & 0xC000 == 0x8000
            if isBlock && type != CMARK_NODE_DOCUMENT { separate(&out) }
            for child in children {
                child.appendPlainText(to: &out, includingBlocks: includingBlocks)
            }
        }
    }

    private func separate(_ out: inout String) {
        if let last = out.last, last != " " { out += " " }
    }
}
